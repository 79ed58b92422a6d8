namespace Ploy.Venues.Polymarket.Http;

/// <summary>The rate-limit buckets of the CLOB (protocol reference §9): each request draws from its own and the general one.</summary>
public enum PolymarketEndpoint
{
    General,
    Book,
    Price,
    Midpoint,
    Books,
    TickSize,
    Markets,
    ApiKey,
    Orders,
    Trades,
    BalanceAllowance,
    BalanceAllowanceUpdate,
    PostOrder,
    PostOrders,
    CancelOrder,
    CancelOrders,
    Heartbeat,

    /// <summary>Gamma (market discovery): its own host and general bucket.</summary>
    Gamma,
    GammaEvents,
    GammaMarkets,
}
