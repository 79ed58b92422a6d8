using System.Data.Common;
using Ploy.Core.Journal;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Persistence.Journal;

/// <summary>
/// The journal over ADO.NET: the same statements and row mapping on every provider, each call in one transaction
/// that has committed when it returns. A provider supplies its value mapping, how a call gets its connection and
/// transaction, opening and disposal. Failures are never swallowed: they throw, and the gateway fails closed.
/// </summary>
public abstract class AdoNetJournal : IJournalStore
{
    private readonly JournalDialect _dialect;
    private readonly TimeProvider _timeProvider;

    // Private protected: only this assembly's providers derive from it.
    private protected AdoNetJournal(JournalDialect dialect, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _dialect = dialect;
        _timeProvider = timeProvider;
    }

    public abstract Task InitializeAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public Task RecordOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        return WriteAsync(session => JournalWrites.RecordOrderAsync(session, order, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Updates the order row and appends the event in one transaction; an order that was never journaled
    /// throws. The row is not required to be in <see cref="OrderTransitionRecord.From"/>: after one failed
    /// write the next must still bring the latest state up to date (the venue reconciliation settles any
    /// gap), rather than wedge the order forever. A null reason keeps the stored one, as
    /// <see cref="Order.TransitionTo"/> does.
    /// </summary>
    public Task RecordTransitionAsync(OrderTransitionRecord transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return WriteAsync(session => JournalWrites.RecordTransitionAsync(session, transition, cancellationToken), cancellationToken);
    }

    public Task<bool> RecordFillAsync(Fill fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return RunAsync(JournalAccess.Write, session => JournalWrites.RecordFillAsync(session, fill, cancellationToken), cancellationToken);
    }

    /// <summary>Replaces the stored portfolio (cash and every position) with <paramref name="snapshot"/>.</summary>
    public Task SavePortfolioAsync(PortfolioSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return WriteAsync(session => JournalWrites.SavePortfolioAsync(session, snapshot, cancellationToken), cancellationToken);
    }

    public Task SaveKillSwitchAsync(KillSwitchState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        return WriteAsync(session => JournalWrites.SaveKillSwitchAsync(session, state, cancellationToken), cancellationToken);
    }

    public Task SaveDailyRiskAsync(DailyRiskState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        return WriteAsync(
            session => JournalWrites.SaveDailyRiskAsync(session, state, _timeProvider.GetUtcNow(), cancellationToken),
            cancellationToken);
    }

    public Task<DailyRiskState?> LoadDailyRiskAsync(DateOnly day, CancellationToken cancellationToken) =>
        RunAsync(JournalAccess.Read, session => JournalReads.DailyRiskAsync(session, day, cancellationToken), cancellationToken);

    /// <summary>Everything a restart needs, read in one transaction (a consistent view).</summary>
    public Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken) =>
        RunAsync(JournalAccess.ConsistentRead, session => JournalReads.SnapshotAsync(session, cancellationToken), cancellationToken);

    public Task<JournalCounts> CountsAsync(CancellationToken cancellationToken) =>
        RunAsync(JournalAccess.ConsistentRead, session => JournalReads.CountsAsync(session, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<OrderTransitionRecord>> ReadOrderEventsAsync(ClientOrderId order, CancellationToken cancellationToken) =>
        RunAsync(JournalAccess.Read, session => JournalReads.OrderEventsAsync(session, order, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs <paramref name="body"/> in a transaction of the provider's kind for <paramref name="access"/> and commits;
    /// any failure rolls back and throws. Throws <see cref="ObjectDisposedException"/> after disposal and
    /// <see cref="InvalidOperationException"/> before <see cref="InitializeAsync"/>.
    /// </summary>
    private protected abstract Task<T> InTransactionAsync<T>(
        JournalAccess access, Func<DbConnection, DbTransaction, Task<T>> body, CancellationToken cancellationToken);

    private Task<T> RunAsync<T>(JournalAccess access, Func<JournalSession, Task<T>> body, CancellationToken cancellationToken) =>
        InTransactionAsync(access, (connection, transaction) => body(new JournalSession(connection, transaction, _dialect)), cancellationToken);

    private Task<bool> WriteAsync(Func<JournalSession, Task> body, CancellationToken cancellationToken) =>
        RunAsync(
            JournalAccess.Write,
            async session =>
            {
                await body(session);
                return true;
            },
            cancellationToken);
}
