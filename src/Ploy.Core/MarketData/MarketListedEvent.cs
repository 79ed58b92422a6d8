using Ploy.Core.Markets;

namespace Ploy.Core.MarketData;

/// <summary>A market opened for trading (e.g. the next round of a recurring series).</summary>
public sealed record MarketListedEvent(BinaryMarket Market, DateTimeOffset At) : MarketDataEvent(At);
