using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary><c>POST /v1/heartbeats</c>: the id to send next, and an error when the chain broke.</summary>
public sealed record PolymarketHeartbeatResponse(
    [property: JsonPropertyName("heartbeat_id")] string? HeartbeatId,
    [property: JsonPropertyName("error")] string? Error);
