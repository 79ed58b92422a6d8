using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Execution.Accounting;
using Ploy.Execution.Diagnostics;

namespace Ploy.Execution.Gateway;

public sealed partial class OrderGateway
{
    /// <summary>Strategy that wallet-only fills (of orders we have no record of) are booked under.</summary>
    public static readonly StrategyId Unattributed = AccountLedger.Unattributed;

    public Task ResolveUnknownAsync(CancellationToken cancellationToken) =>
        EnqueueAsync(ResolveUnknownCoreAsync, cancellationToken);

    private async Task ApplyVenueEventCoreAsync(VenueEvent venueEvent, CancellationToken cancellationToken)
    {
        switch (venueEvent)
        {
            case VenueFillEvent fill:
                await ApplyFillAsync(fill.Fill, cancellationToken);
                break;
            case VenueOrderEvent update:
                await ApplyOrderStateAsync(update.State, update.At, cancellationToken);
                break;
        }
    }

    private async Task ApplyFillAsync(VenueFill venueFill, CancellationToken cancellationToken)
    {
        if (!Orders.MarkTradeApplied(venueFill.Trade, venueFill.Order))
        {
            return; // already applied (venue re-sent it, or reconciliation imported it)
        }

        var order = Orders.Find(venueFill.Order);
        var owner = Orders.Owner(venueFill.Order);
        var clientId = owner?.Id ?? new ClientOrderId($"venue:{venueFill.Order.Value}");
        var fill = new Fill(venueFill.Trade, clientId, venueFill.Order, venueFill.Token, venueFill.Side, venueFill.Price,
            venueFill.Quantity, venueFill.Fee, venueFill.IsMaker, venueFill.Time, venueFill.Settlement);
        if (!await TryJournalFillAsync(fill, cancellationToken))
        {
            return; // the journal already had it: applied before a restart
        }

        if (owner is null)
        {
            Log.UnattributedFill(_logger, venueFill.Trade.Value, venueFill.Order.Value);
        }

        var strategy = owner?.Strategy ?? Unattributed;
        ApplyToLedger(strategy, fill);
        Stats.Fill(strategy);
        _metrics.FillApplied();
        if (order is not null)
        {
            var from = order.Status;
            order.ApplyFill(fill);
            if (order.Status == OrderStatus.Filled && from != OrderStatus.Filled)
            {
                Stats.FilledOrder();
                _metrics.OrderFilled();
            }

            await RecordAsync(order, from, cancellationToken);
        }

        Notify(new OrderFilled(strategy, fill));
        await EnforceDailyLossAsync(cancellationToken);
    }

    /// <summary>
    /// Journals a fill; false when the journal already had it. A fill the journal cannot take now is still applied (the
    /// venue says it happened, and risk needs the true wallet) and is written before the journal's next write.
    /// </summary>
    private async Task<bool> TryJournalFillAsync(Fill fill, CancellationToken cancellationToken)
    {
        var inserted = true;
        if (!await TryJournalAsync(async j => inserted = await j.RecordFillAsync(fill, cancellationToken)))
        {
            _unjournaledFills.Add(fill);
        }

        return inserted;
    }

    private async Task ApplyOrderStateAsync(VenueOrderState state, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var order = Orders.Find(state.Id);
        if (order is null || order.IsTerminal)
        {
            return;
        }

        var target = state.Status switch
        {
            VenueOrderStatus.Cancelled => OrderStatus.Cancelled,
            VenueOrderStatus.Expired => OrderStatus.Expired,
            VenueOrderStatus.Live or VenueOrderStatus.Delayed when order.Status is OrderStatus.Submitted or OrderStatus.Unknown => OrderStatus.Acknowledged,
            _ => (OrderStatus?)null,
        };
        if (target is { } to && order.CanTransitionTo(to))
        {
            await TransitionAsync(order, to, at, $"venue: {state.Status}", cancellationToken);
        }
    }

    /// <summary>
    /// Settles orders whose submit outcome is unknown (or that were journaled but never answered, e.g. across
    /// a crash) by asking the venue for their precomputed id, then for trades on that id — never by re-sending.
    /// </summary>
    private async Task<int> ResolveUnknownCoreAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var pending = Orders.Unfinished
            .Where(o => o.Status is OrderStatus.Unknown or OrderStatus.Journaled or OrderStatus.Submitted
                && now - o.UpdatedAt >= _options.ResolveUnknownAfter)
            .ToList();
        var resolved = 0;
        foreach (var order in pending)
        {
            if (await ResolveOneAsync(order, now, cancellationToken))
            {
                resolved++;
            }
        }

        return resolved;
    }

    private async Task<bool> ResolveOneAsync(Order order, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var venueId = order.VenueId ?? throw new InvalidOperationException($"Journaled order {order.Id} has no venue id.");
        var lookup = await _venue.GetOrderAsync(venueId, cancellationToken);
        if (!lookup.IsSuccess)
        {
            ReportApiError("GET /data/order", lookup.Error);
            return false;
        }

        var trades = await _venue.GetTradesAsync(venueId, cancellationToken);
        if (!trades.IsSuccess)
        {
            ReportApiError("GET /data/trades", trades.Error);
            return false;
        }

        if (order.Status is OrderStatus.Journaled or OrderStatus.Submitted)
        {
            // Never answered: it may or may not have reached the venue. Treat as unknown from here on.
            var from = order.Status;
            if (from == OrderStatus.Journaled)
            {
                order.TransitionTo(OrderStatus.Submitted, now);
            }

            order.TransitionTo(OrderStatus.Unknown, now, "no answer recorded");
            await RecordAsync(order, from, cancellationToken);
        }

        if (lookup.Value is { } state)
        {
            await TransitionAsync(order, OrderStatus.Acknowledged, now, "resolved by venue id", cancellationToken);
            foreach (var fill in trades.Value ?? [])
            {
                await ApplyFillAsync(fill, cancellationToken);
            }

            await ApplyOrderStateAsync(state, now, cancellationToken);
        }
        else if (trades.Value is { Count: > 0 } fills)
        {
            // The venue forgets terminal orders; their trades remain. It was placed and it matched.
            await TransitionAsync(order, OrderStatus.Acknowledged, now, "resolved by trades", cancellationToken);
            foreach (var fill in fills)
            {
                await ApplyFillAsync(fill, cancellationToken);
            }

            if (!order.IsTerminal)
            {
                await TransitionAsync(order, OrderStatus.Cancelled, now, "terminal at venue", cancellationToken);
            }
        }
        else if (now - order.CreatedAt >= _options.NotFoundGrace)
        {
            await TransitionAsync(order, OrderStatus.Rejected, now, "never reached the venue", cancellationToken);
        }
        else
        {
            return false; // too early to say the venue never got it
        }

        Log.UnknownResolved(_logger, order.Id.Value, order.Status.ToString());
        return true;
    }
}
