namespace Ploy.Strategies.Momentum;

internal enum MomentumOrderKind
{
    Entry,
    TakeProfit,
    StopLoss,
}
