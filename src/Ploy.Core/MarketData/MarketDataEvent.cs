namespace Ploy.Core.MarketData;

/// <summary>Something the market told us: book changes, trades, tick changes, markets listed and resolved.</summary>
public abstract record MarketDataEvent(DateTimeOffset Time);
