namespace Ploy.Core.Journal;

/// <summary>Risk counters of one UTC trading day.</summary>
public sealed record DailyRiskState(DateOnly Day, decimal RealizedPnl, int OrdersPlaced, int RiskDenials);
