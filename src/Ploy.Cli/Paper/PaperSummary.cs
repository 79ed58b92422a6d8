namespace Ploy.Cli.Paper;

/// <summary>
/// The outcome of a paper session. Only simulated quantities appear here — no wall-clock timings — so the
/// same seed and duration always give the same summary.
/// </summary>
public sealed record PaperSummary(
    int Seed,
    double DurationSeconds,
    double SimulatedSeconds,
    bool Completed,
    int RoundsResolved,
    long OrdersPlaced,
    long OrdersFilled,
    long Fills,
    long RejectedByRisk,
    long OrdersFailed,
    decimal RealizedPnl,
    decimal Cash,
    bool Halted,
    string? HaltReason,
    bool LedgerMatchesVenue,
    IReadOnlyList<string> LedgerDifferences,
    IReadOnlyDictionary<string, StrategySummary> Strategies,
    IReadOnlyDictionary<string, long> RiskDenials);
