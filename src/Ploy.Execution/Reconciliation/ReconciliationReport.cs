namespace Ploy.Execution.Reconciliation;

/// <summary>What start-up reconciliation found. Trading may start only when <see cref="Succeeded"/>.</summary>
public sealed record ReconciliationReport(
    bool Succeeded,
    int OrdersChecked,
    int OrdersResolved,
    int FillsImported,
    IReadOnlyList<string> Discrepancies,
    bool AdoptedVenueBalances,
    string? Failure = null);
