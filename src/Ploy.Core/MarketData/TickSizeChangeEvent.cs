using Ploy.Core.Primitives;

namespace Ploy.Core.MarketData;

/// <summary>The grid changed: levels on the old grid are void until a fresh snapshot.</summary>
public sealed record TickSizeChangeEvent(TokenId Token, TickSize OldTick, TickSize NewTick, DateTimeOffset At)
    : MarketDataEvent(At);
