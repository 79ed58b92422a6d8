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

    public long OrdersPlaced => Interlocked.Read(ref _placed);

    public long OrdersFilled => Interlocked.Read(ref _filledOrders);

    public long Fills => Interlocked.Read(ref _fills);

    public long OrdersFailed => Interlocked.Read(ref _failed);

    public long UnknownSubmits => Interlocked.Read(ref _unknown);

    public long JournalFailures => Interlocked.Read(ref _journalFailures);

    public long ReconciliationDiscrepancies => Interlocked.Read(ref _discrepancies);

    internal void Placed() => Interlocked.Increment(ref _placed);

    internal void FilledOrder() => Interlocked.Increment(ref _filledOrders);

    internal void Fill() => Interlocked.Increment(ref _fills);

    internal void Failed() => Interlocked.Increment(ref _failed);

    internal void Unknown() => Interlocked.Increment(ref _unknown);

    internal void JournalFailure() => Interlocked.Increment(ref _journalFailures);

    internal void Discrepancy() => Interlocked.Increment(ref _discrepancies);
}
