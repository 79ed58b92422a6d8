namespace Ploy.Cli.Paper;

/// <summary>One strategy's part of a paper session.</summary>
public sealed record StrategySummary(long Orders, long Fills, decimal RealizedPnl, decimal OpenShares);
