namespace Ploy.Execution.Gateway;

/// <summary>One strategy's totals: orders the venue accepted, and fills.</summary>
public sealed class StrategyCounters
{
    private long _orders;
    private long _fills;

    public long Orders => Interlocked.Read(ref _orders);

    public long Fills => Interlocked.Read(ref _fills);

    internal void Order() => Interlocked.Increment(ref _orders);

    internal void Fill() => Interlocked.Increment(ref _fills);
}
