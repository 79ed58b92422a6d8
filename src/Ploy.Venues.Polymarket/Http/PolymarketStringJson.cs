using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Http;

/// <summary>Serialises string values for the few hand-built request bodies (ids are ASCII; escaping is JSON-safe).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class PolymarketStringJson : JsonSerializerContext;
