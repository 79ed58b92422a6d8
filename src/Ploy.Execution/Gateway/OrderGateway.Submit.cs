using System.Diagnostics;
using Ploy.Core.Journal;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Risk;
using Ploy.Core.Venues;
using Ploy.Execution.Diagnostics;
using Ploy.Execution.Risk;

namespace Ploy.Execution.Gateway;

public sealed partial class OrderGateway
{
    private async Task<Order> SubmitCoreAsync(ClientOrderId id, OrderIntent intent, CancellationToken cancellationToken)
    {
        var now = Now;
        RollDay(now);
        var order = new Order(id, intent, now);
        Orders.Add(order);

        var decision = _risk.Check(intent, RiskInputsFor(intent, now));
        if (!decision.Allowed)
        {
            var reason = decision.Reason ?? RiskDenialReason.InvalidOrder;
            Denials.Increment(reason);
            _metrics.RiskDenied(reason);
            Log.RiskDenied(_logger, intent.Strategy.Value, intent.Side.ToString(), intent.Token.Value, reason.ToString(), decision.Detail);
            order.TransitionTo(OrderStatus.Rejected, now, $"risk: {reason}: {decision.Detail}");
            Notify(new OrderChanged(order));
            return order;
        }

        _orderRate.Record(intent.Strategy, now);
        PreparedOrder prepared;
        try
        {
            prepared = _venue.Prepare(id, intent, now);
        }
        catch (OrderNotPreparedException ex)
        {
            // Nothing journaled, nothing sent: a local rejection, like a risk denial.
            order.TransitionTo(OrderStatus.Rejected, now, "venue: " + ex.Message);
            Stats.Failed();
            _metrics.OrderFailed();
            Notify(new OrderChanged(order));
            return order;
        }

        order.AssignVenueId(prepared.VenueId);
        Orders.IndexVenueId(order);

        // Invariant 1: durable before it can reach the venue. If the journal cannot take it, it is not sent.
        if (!await TryJournalAsync(j => j.RecordOrderAsync(
                new OrderRecord(id, prepared.VenueId, intent, prepared.Payload, _options.FencingEpoch, now), cancellationToken)))
        {
            order.TransitionTo(OrderStatus.Rejected, now, "journal unavailable: not sent");
            Stats.Failed();
            _metrics.OrderFailed();
            Notify(new OrderChanged(order));
            return order;
        }

        order.TransitionTo(OrderStatus.Journaled, now);
        order.TransitionTo(OrderStatus.Submitted, now);

        // Only the intent must be durable before the wire; "submitted" is recorded with the answer, so the send
        // waits for one fsync, not two. Recovery treats a journaled and a submitted order alike (ask the venue).
        var started = Stopwatch.GetTimestamp();
        var result = await _venue.SubmitAsync(prepared, cancellationToken);
        var after = Now;
        await RecordAsync(order, OrderStatus.Journaled, cancellationToken);
        switch (result.Outcome)
        {
            case SubmitOutcome.Accepted:
                _metrics.SubmitLatency(Stopwatch.GetElapsedTime(started));
                Stats.Placed(intent.Strategy);
                _metrics.OrderPlaced();
                await AcknowledgeAsync(order, result.State, after, cancellationToken);
                break;
            case SubmitOutcome.Rejected:
                Stats.Failed();
                _metrics.OrderFailed();
                ReportApiError("POST /order", result.Error);
                Log.VenueRejected(_logger, id.Value, result.Error?.ToString() ?? "rejected");
                await TransitionAsync(order, OrderStatus.Rejected, after, result.Error?.ToString(), cancellationToken);
                break;
            default:
                // Invariant 2: never re-sent. The venue id was journaled; ResolveUnknownAsync settles it.
                Stats.Unknown();
                _metrics.UnknownSubmit();
                ReportApiError("POST /order", result.Error);
                Log.SubmitUnknown(_logger, id.Value, result.Error?.ToString() ?? "unknown");
                await TransitionAsync(order, OrderStatus.Unknown, after, result.Error?.ToString(), cancellationToken);
                break;
        }

        return order;
    }

    private async Task AcknowledgeAsync(Order order, VenueOrderState? state, DateTimeOffset at, CancellationToken cancellationToken)
    {
        switch (state?.Status)
        {
            case VenueOrderStatus.Cancelled or VenueOrderStatus.Expired:
                // A FOK/FAK whose rest was killed: fills for any matched part still arrive and are counted.
                var reason = state.SizeMatched.IsZero ? "killed unfilled" : "remainder killed";
                await TransitionAsync(order, state.Status == VenueOrderStatus.Expired ? OrderStatus.Expired : OrderStatus.Cancelled, at, reason, cancellationToken);
                break;
            default:
                await TransitionAsync(order, OrderStatus.Acknowledged, at, null, cancellationToken);
                break;
        }
    }

    private RiskInputs RiskInputsFor(OrderIntent intent, DateTimeOffset now)
    {
        var market = _markets.Market(intent.Condition);
        var wallet = Ledger.Wallet;
        decimal marketExposure = 0m;
        if (market is not null)
        {
            marketExposure = wallet.Get(market.Yes).CostBasis + wallet.Get(market.No).CostBasis
                + Orders.OpenBuyNotional(o => market.Contains(o.Token));
        }

        var openBuys = Orders.OpenBuyNotional(_ => true);
        return new RiskInputs(
            market,
            _markets.Book(intent.Token),
            _killSwitch.IsHalted,
            Orders.LiveCount,
            wallet.SharesOf(intent.Token),
            Orders.SharesReservedForSale(intent.Token),
            wallet.Cash - openBuys,
            marketExposure,
            wallet.GrossExposure + openBuys,
            Ledger.DailyRealizedPnl,
            now,
            _orderRate.Count(intent.Strategy, now));
    }

    /// <summary>Moves an order and journals the move. A failed write is reported, not thrown: the venue already acted.</summary>
    private async Task TransitionAsync(Order order, OrderStatus to, DateTimeOffset at, string? reason, CancellationToken cancellationToken)
    {
        var from = order.Status;
        order.TransitionTo(to, at, reason);
        await RecordAsync(order, from, cancellationToken);
    }

    private async Task RecordAsync(Order order, OrderStatus from, CancellationToken cancellationToken)
    {
        await TryJournalAsync(j => j.RecordTransitionAsync(
            new OrderTransitionRecord(order.Id, from, order.Status, order.FilledQuantity, order.FilledNotional, order.Reason, order.UpdatedAt),
            cancellationToken));
        Log.OrderStatus(_logger, order.Id.Value, order.Strategy.Value, order.Side.ToString(),
            order.Quantity.ToString(), order.Token.Value, order.LimitPrice.ToString(), order.Status.ToString());
        Notify(new OrderChanged(order));
    }

    /// <summary>Runs a journal write; on failure marks the journal unhealthy (new orders stop) and returns false.</summary>
    private async Task<bool> TryJournalAsync(Func<IJournal, Task> write)
    {
        try
        {
            // Fills applied while the journal was down go first: a portfolio snapshot written before them would hold
            // them without its fill number covering them, and a restart would apply them twice.
            while (_unjournaledFills.Count > 0)
            {
                await _journal.RecordFillAsync(_unjournaledFills[0], CancellationToken.None);
                _unjournaledFills.RemoveAt(0);
            }

            await write(_journal);
            JournalHealthy = true;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            JournalHealthy = false;
            Stats.JournalFailure();
            _metrics.JournalWriteFailed();
            Log.JournalWriteFailed(_logger, ex);
            return false;
        }
    }

    private void ReportApiError(string endpoint, VenueError? error)
    {
        if (error is not null)
        {
            _metrics.ApiError(endpoint, error.Kind);
            Log.VenueCallFailed(_logger, endpoint, error.ToString());
        }
    }

    private void RollDay(DateTimeOffset now)
    {
        Ledger.RollDay(DateOnly.FromDateTime(now.UtcDateTime));
    }

}
