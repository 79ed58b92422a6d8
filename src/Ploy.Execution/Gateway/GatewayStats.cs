using System.Collections.Concurrent;
using Ploy.Core.Primitives;

namespace Ploy.Execution.Gateway;

/// <summary>Running totals of the gateway, readable from any thread.</summary>
public sealed class GatewayStats
{
    private long _placed;
    private long _filledOrders;
    private long _fills;
    private long _failed;
    private long _unknown;
    private long _journalFailures;
    private long _discrepancies;
    private readonly ConcurrentDictionary<StrategyId, StrategyCounters> _byStrategy = new();

    public long OrdersPlaced => Interlocked.Read(ref _placed);

    public long OrdersFilled => Interlocked.Read(ref _filledOrders);

    public long Fills => Interlocked.Read(ref _fills);

    public long OrdersFailed => Interlocked.Read(ref _failed);

    public long UnknownSubmits => Interlocked.Read(ref _unknown);

    public long JournalFailures => Interlocked.Read(ref _journalFailures);

    public long ReconciliationDiscrepancies => Interlocked.Read(ref _discrepancies);

    public IReadOnlyDictionary<StrategyId, StrategyCounters> ByStrategy => _byStrategy;

    public StrategyCounters For(StrategyId strategy) => _byStrategy.GetOrAdd(strategy, _ => new StrategyCounters());

    internal void Placed(StrategyId strategy)
    {
        Interlocked.Increment(ref _placed);
        For(strategy).Order();
    }

    internal void FilledOrder() => Interlocked.Increment(ref _filledOrders);

    internal void Fill(StrategyId strategy)
    {
        Interlocked.Increment(ref _fills);
        For(strategy).Fill();
    }

    internal void Failed() => Interlocked.Increment(ref _failed);

    internal void Unknown() => Interlocked.Increment(ref _unknown);

    internal void JournalFailure() => Interlocked.Increment(ref _journalFailures);

    internal void Discrepancy() => Interlocked.Increment(ref _discrepancies);
}
