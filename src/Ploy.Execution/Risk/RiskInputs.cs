using Ploy.Core.Books;
using Ploy.Core.Markets;

namespace Ploy.Execution.Risk;

/// <summary>The state the risk gate judges an intent against, gathered by the gateway (the single writer).</summary>
/// <param name="Market">The intent's market, or null when it is not open.</param>
/// <param name="Book">The token's book, or null when not subscribed.</param>
/// <param name="Halted">Whether the kill switch is engaged.</param>
/// <param name="OpenOrders">Orders live at the venue now.</param>
/// <param name="HeldShares">Wallet shares of the intent's token.</param>
/// <param name="SharesReservedForSale">Shares already offered by open sell orders of that token.</param>
/// <param name="CashAvailable">Wallet cash minus what open buy orders may spend.</param>
/// <param name="MarketExposure">Cost basis held in the market plus open buy notional there.</param>
/// <param name="TotalExposure">The same across all markets.</param>
/// <param name="DailyRealizedPnl">Realised PnL of the current UTC day.</param>
/// <param name="Now">The gateway's clock.</param>
/// <param name="StrategyOrdersLastMinute">Orders the intent's strategy sent in the last minute.</param>
public readonly record struct RiskInputs(
    BinaryMarket? Market,
    IOrderBookView? Book,
    bool Halted,
    int OpenOrders,
    decimal HeldShares,
    decimal SharesReservedForSale,
    decimal CashAvailable,
    decimal MarketExposure,
    decimal TotalExposure,
    decimal DailyRealizedPnl,
    DateTimeOffset Now,
    int StrategyOrdersLastMinute = 0);
