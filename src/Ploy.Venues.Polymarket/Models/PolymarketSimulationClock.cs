using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>
/// <c>ploy venue</c>'s <c>GET /sim/clock</c> (not part of Polymarket's API): the simulation's time in Unix milliseconds and
/// how many simulated seconds pass per real second.
/// </summary>
public sealed record PolymarketSimulationClock(
    [property: JsonPropertyName("now_ms")] long NowMs,
    [property: JsonPropertyName("speed")] double Speed)
{
    public DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);
}
