using Ploy.Core.Orders;

namespace Ploy.Core.Journal;

/// <summary>
/// The gateway's durable memory. Every write completes (is durable) before the call returns; a failing write
/// throws, and the gateway then stops taking new orders (fail closed).
/// </summary>
public interface IJournal
{
    /// <summary>Creates or migrates storage.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Writes the intent (status Journaled). Must complete before the order is sent.</summary>
    Task RecordOrderAsync(OrderRecord order, CancellationToken cancellationToken);

    /// <summary>Appends to the order-event log and updates the order's latest state.</summary>
    Task RecordTransitionAsync(OrderTransitionRecord transition, CancellationToken cancellationToken);

    /// <summary>Stores a fill; false (and no change) when its trade id is already stored.</summary>
    Task<bool> RecordFillAsync(Fill fill, CancellationToken cancellationToken);

    Task SavePortfolioAsync(PortfolioSnapshot snapshot, CancellationToken cancellationToken);

    Task SaveKillSwitchAsync(KillSwitchState state, CancellationToken cancellationToken);

    Task SaveDailyRiskAsync(DailyRiskState state, CancellationToken cancellationToken);

    Task<DailyRiskState?> LoadDailyRiskAsync(DateOnly day, CancellationToken cancellationToken);

    Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken);
}
