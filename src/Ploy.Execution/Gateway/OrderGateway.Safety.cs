using System.Globalization;
using Ploy.Core.Journal;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Execution.Diagnostics;

namespace Ploy.Execution.Gateway;

public sealed partial class OrderGateway
{
    /// <summary>Engages the kill switch (persisted), then cancels every resting order.</summary>
    public Task HaltAsync(string reason, CancellationToken cancellationToken) =>
        EnqueueAsync(async ct =>
        {
            await HaltCoreAsync(reason, ct);
            return true;
        }, cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken) =>
        EnqueueAsync(async ct =>
        {
            var state = Safety.KillSwitch.Resume(Now);
            await _journal.SaveKillSwitchAsync(state, ct); // must be durable before buys are allowed again
            _killSwitch.Apply(state);
            Log.Resumed(_logger);
            Notify(new HaltChanged(false, null));
            return true;
        }, cancellationToken);

    /// <summary>Books a market's resolution: redeems positions and settles its orders.</summary>
    public Task SettleAsync(BinaryMarket market, MarketResolution resolution, CancellationToken cancellationToken) =>
        EnqueueAsync(async ct =>
        {
            RollDay(resolution.ResolvedAt);
            var realized = Ledger.Settle(market, resolution.Winner);
            await TryJournalAsync(j => j.SavePortfolioAsync(Ledger.Snapshot(Now), ct));
            await EnforceDailyLossAsync(ct);
            return realized;
        }, cancellationToken);

    /// <summary>Writes the portfolio snapshot and the day's risk counters; prunes old terminal orders from memory.</summary>
    public Task CheckpointAsync(CancellationToken cancellationToken) =>
        EnqueueAsync(async ct =>
        {
            var now = Now;
            RollDay(now);
            await TryJournalAsync(j => j.SavePortfolioAsync(Ledger.Snapshot(now), ct));
            await TryJournalAsync(j => j.SaveDailyRiskAsync(
                new DailyRiskState(Ledger.Day, Ledger.DailyRealizedPnl, (int)Stats.OrdersPlaced, (int)Denials.Total), ct));
            Orders.Prune(now - _options.KeepTerminalOrders);
            return true;
        }, cancellationToken);

    private async Task<bool> CancelCoreAsync(ClientOrderId id, CancellationToken cancellationToken)
    {
        var order = Orders.Find(id);
        if (order is null || order.IsTerminal || order.VenueId is not { } venueId)
        {
            return false;
        }

        var result = await _venue.CancelAsync(venueId, cancellationToken);
        if (!result.IsSuccess)
        {
            ReportApiError("DELETE /order", result.Error);
            return false;
        }

        if (result.Value && order.CanTransitionTo(OrderStatus.Cancelled))
        {
            await TransitionAsync(order, OrderStatus.Cancelled, Now, "cancelled", cancellationToken);
        }

        return result.Value;
    }

    private async Task<int> CancelAllCoreAsync(CancellationToken cancellationToken)
    {
        var result = await _venue.CancelAllAsync(cancellationToken);
        if (!result.IsSuccess)
        {
            ReportApiError("DELETE /cancel-all", result.Error);
            return 0;
        }

        var now = Now;
        foreach (var venueId in result.Value ?? [])
        {
            if (Orders.Find(venueId) is { } order && order.CanTransitionTo(OrderStatus.Cancelled))
            {
                await TransitionAsync(order, OrderStatus.Cancelled, now, "cancel-all", cancellationToken);
            }
        }

        return result.Value?.Count ?? 0;
    }

    private async Task HaltCoreAsync(string reason, CancellationToken cancellationToken)
    {
        var state = Safety.KillSwitch.Halt(reason, Now);
        try
        {
            await _journal.SaveKillSwitchAsync(state, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Halting must never depend on the disk: stop in memory now, report loudly.
            JournalHealthy = false;
            Log.HaltPersistFailed(_logger, ex);
        }

        _killSwitch.Apply(state);
        Log.Halted(_logger, reason);
        Notify(new HaltChanged(true, reason));
        await CancelAllCoreAsync(cancellationToken);
    }

    /// <summary>The daily loss limit is enforced here, where PnL is recorded: breaching it halts trading.</summary>
    private async Task EnforceDailyLossAsync(CancellationToken cancellationToken)
    {
        var limit = _risk.Options.DailyLossLimit;
        if (!_killSwitch.IsHalted && Ledger.DailyRealizedPnl <= -limit)
        {
            await HaltCoreAsync(string.Create(CultureInfo.InvariantCulture,
                $"daily loss limit: realised {Ledger.DailyRealizedPnl:0.####} <= -{limit}"), cancellationToken);
            await TryJournalAsync(j => j.SaveDailyRiskAsync(
                new DailyRiskState(Ledger.Day, Ledger.DailyRealizedPnl, (int)Stats.OrdersPlaced, (int)Denials.Total), cancellationToken));
        }
    }
}
