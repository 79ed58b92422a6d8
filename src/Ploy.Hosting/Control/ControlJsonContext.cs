using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ploy.Hosting.Control;

/// <summary>Source-generated JSON of the control API: web (camelCase) names; unknown request fields are an error, not ignored.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(TradingStatusView))]
[JsonSerializable(typeof(IReadOnlyList<PositionView>))]
[JsonSerializable(typeof(IReadOnlyList<OrderView>))]
[JsonSerializable(typeof(IReadOnlyList<StrategyView>))]
[JsonSerializable(typeof(ControlResult))]
[JsonSerializable(typeof(ControlRequest))]
public sealed partial class ControlJsonContext : JsonSerializerContext;
