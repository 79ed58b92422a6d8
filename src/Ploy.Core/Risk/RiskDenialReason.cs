namespace Ploy.Core.Risk;

public enum RiskDenialReason
{
    MaxOrderNotional,
    MaxPositionPerMarket,
    MaxTotalExposure,
    DailyLossLimit,
    MaxOpenOrders,
    PriceBand,
    BelowVenueMinimum,
    OffTickGrid,
    Halted,
    InsufficientPosition,
    InsufficientCash,
    UntrustedBook,
    MarketClosed,
    InvalidOrder,
    OrderRateLimit,
}
