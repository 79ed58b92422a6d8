namespace Ploy.Core.Journal;

/// <summary>Cash and positions (per strategy) at a moment; the journal keeps the latest.</summary>
public sealed record PortfolioSnapshot(decimal Cash, IReadOnlyList<PositionSnapshot> Positions, DateTimeOffset At);
