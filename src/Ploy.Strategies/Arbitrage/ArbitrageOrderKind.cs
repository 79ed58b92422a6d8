namespace Ploy.Strategies.Arbitrage;

internal enum ArbitrageOrderKind
{
    Leg,
    Complete,
    Unwind,
}
