namespace Ploy.Core.MarketData;

/// <summary>The underlying a round market is about (e.g. an index price), observed at a time.</summary>
public sealed record ReferencePriceEvent(string Symbol, decimal Price, DateTimeOffset At) : MarketDataEvent(At);
