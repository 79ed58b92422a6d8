using Ploy.Core.Primitives;

namespace Ploy.Core.Journal;

public sealed record PositionSnapshot(StrategyId Strategy, TokenId Token, decimal Shares, decimal AverageCost, decimal RealizedPnl, decimal FeesPaid);
