using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Strategies;

namespace Ploy.Strategies.Common;

/// <summary>
/// The orders one strategy placed and what each was for. The context may report an order's fate
/// synchronously from inside <see cref="IStrategyContext.Place"/> (e.g. a risk-gate rejection) or much later,
/// and a fill may be reported after the order's terminal update; this keeps both cases attributable.
/// </summary>
internal sealed class OrderTracker<TTag>
{
    private const int RecentCapacity = 512;
    private readonly Dictionary<ClientOrderId, TrackedOrder<TTag>> _open = [];
    private readonly Dictionary<ClientOrderId, TrackedOrder<TTag>> _recent = [];
    private readonly Queue<ClientOrderId> _recentOrder = new();
    private TrackedOrder<TTag>? _placing;

    public IReadOnlyCollection<TrackedOrder<TTag>> Open => _open.Values;

    public TrackedOrder<TTag> Place(IStrategyContext context, OrderIntent intent, TTag tag)
    {
        var tracked = new TrackedOrder<TTag>(intent, tag, context.Now);
        _placing = tracked;
        try
        {
            tracked.Id = context.Place(intent);
        }
        finally
        {
            _placing = null;
        }

        if (tracked.IsEnded)
        {
            Remember(tracked);
        }
        else
        {
            _open[tracked.Id] = tracked;
        }

        return tracked;
    }

    public TrackedOrder<TTag>? Find(ClientOrderId id)
    {
        if (_open.TryGetValue(id, out var tracked) || _recent.TryGetValue(id, out tracked))
        {
            return tracked;
        }

        // An update from inside Place, before Place returned the id.
        if (_placing is { } placing && (placing.Id == default || placing.Id == id))
        {
            placing.Id = id;
            return placing;
        }

        return null;
    }

    public TrackedOrder<TTag>? OnFill(Fill fill)
    {
        var tracked = Find(fill.Order);
        if (tracked is not null)
        {
            tracked.FilledShares += fill.Quantity.Shares;
        }

        return tracked;
    }

    /// <summary>Applies a status update; returns the tracked order, or null when the order is not ours.</summary>
    public TrackedOrder<TTag>? OnUpdate(Order order)
    {
        var tracked = Find(order.Id);
        if (tracked is null)
        {
            return null;
        }

        tracked.Status = order.Status;
        tracked.FilledShares = Math.Max(tracked.FilledShares, order.FilledQuantity.Shares);
        if (order.IsTerminal)
        {
            End(tracked);
        }

        return tracked;
    }

    public TrackedOrder<TTag>? FirstOpen(ConditionId condition)
    {
        foreach (var tracked in _open.Values)
        {
            if (tracked.Intent.Condition == condition)
            {
                return tracked;
            }
        }

        return null;
    }

    public int CountOpen(ConditionId condition)
    {
        var count = 0;
        foreach (var tracked in _open.Values)
        {
            count += tracked.Intent.Condition == condition ? 1 : 0;
        }

        return count;
    }

    /// <summary>Asks once to cancel; a no-op while a cancel is already pending.</summary>
    public void Cancel(IStrategyContext context, TrackedOrder<TTag> tracked)
    {
        if (tracked.IsEnded || tracked.CancelRequested || !_open.ContainsKey(tracked.Id))
        {
            return;
        }

        tracked.CancelRequestedAt = context.Now;
        context.Cancel(tracked.Id);
    }

    public void CancelAll(IStrategyContext context, ConditionId condition)
    {
        foreach (var tracked in _open.Values)
        {
            if (tracked.Intent.Condition == condition)
            {
                Cancel(context, tracked);
            }
        }
    }

    /// <summary>
    /// Re-sends cancels that were not confirmed within <paramref name="cancelResend"/>, and forgets orders the
    /// context has not listed as open for <paramref name="orphanGrace"/> (their terminal update was lost), so a
    /// lost update cannot block a strategy for ever.
    /// </summary>
    /// <returns>The orders forgotten as orphans.</returns>
    public IReadOnlyList<TrackedOrder<TTag>> Maintain(IStrategyContext context, TimeSpan cancelResend, TimeSpan orphanGrace)
    {
        if (_open.Count == 0)
        {
            return [];
        }

        var now = context.Now;
        var listed = new HashSet<ClientOrderId>();
        foreach (var order in context.OpenOrders)
        {
            listed.Add(order.Id);
        }

        List<TrackedOrder<TTag>>? orphans = null;
        foreach (var tracked in _open.Values)
        {
            if (!listed.Contains(tracked.Id))
            {
                if (now - tracked.PlacedAt >= orphanGrace)
                {
                    (orphans ??= []).Add(tracked);
                }

                continue;
            }

            if (tracked.CancelRequestedAt is { } requested && now - requested >= cancelResend)
            {
                tracked.CancelRequestedAt = now;
                context.Cancel(tracked.Id);
            }
        }

        if (orphans is null)
        {
            return [];
        }

        foreach (var orphan in orphans)
        {
            End(orphan);
        }

        return orphans;
    }

    private void End(TrackedOrder<TTag> tracked)
    {
        if (tracked.IsEnded)
        {
            return;
        }

        tracked.IsEnded = true;
        if (_open.Remove(tracked.Id))
        {
            Remember(tracked);
        }
    }

    private void Remember(TrackedOrder<TTag> tracked)
    {
        if (tracked.Id == default || !_recent.TryAdd(tracked.Id, tracked))
        {
            return;
        }

        _recentOrder.Enqueue(tracked.Id);
        while (_recentOrder.Count > RecentCapacity)
        {
            _recent.Remove(_recentOrder.Dequeue());
        }
    }
}
