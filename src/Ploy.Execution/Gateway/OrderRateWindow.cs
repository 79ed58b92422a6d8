using Ploy.Core.Primitives;

namespace Ploy.Execution.Gateway;

/// <summary>Orders sent per strategy within a sliding window. Owned by the gateway's writer.</summary>
internal sealed class OrderRateWindow(TimeSpan window)
{
    private readonly Dictionary<StrategyId, Queue<DateTimeOffset>> _sent = [];

    public void Record(StrategyId strategy, DateTimeOffset at) => Queue(strategy).Enqueue(at);

    public int Count(StrategyId strategy, DateTimeOffset now)
    {
        var queue = Queue(strategy);
        while (queue.TryPeek(out var oldest) && now - oldest >= window)
        {
            queue.Dequeue();
        }

        return queue.Count;
    }

    private Queue<DateTimeOffset> Queue(StrategyId strategy)
    {
        if (!_sent.TryGetValue(strategy, out var queue))
        {
            queue = new Queue<DateTimeOffset>();
            _sent[strategy] = queue;
        }

        return queue;
    }
}
