using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ploy.Core.MarketData;
using Ploy.Core.Time;
using Ploy.Execution.Engine;

namespace Ploy.Cli.Service;

/// <summary>
/// The trading loop of <c>ploy run</c>: starts the gateway's writer, reconciles with the venue before any strategy runs
/// (invariant 4), starts the market data, then every step brings the venue to the wall clock (paper: the simulation
/// advances; live: nothing to do) and runs the engine's timer; between steps it feeds market data and account events
/// to the engine as they arrive. Only this loop touches the engine.
/// On stop it shuts down gracefully: strategies first, then in-flight commands, resting orders, markets the venue has
/// resolved, the journal.
/// </summary>
internal sealed class TradingDriver(TradingRuntime runtime, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<TradingDriver> logger) : IHostedService, IDisposable
{
    // With a long timer the view (readiness, book age, open orders) must still follow the books between ticks.
    private static readonly TimeSpan ViewInterval = TimeSpan.FromMilliseconds(100);
    private static readonly Task<bool> Never = new TaskCompletionSource<bool>().Task;

    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _stopWriter = new();
    private Task _writer = Task.CompletedTask;
    private Task _loop = Task.CompletedTask;
    private long _ticks;
    private long? _publishedAt;
    private bool _viewStale;

    /// <summary>True when the loop failed (a bug): the process exits non-zero.</summary>
    public bool Faulted { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(() => runtime.Gateway.RunAsync(_stopWriter.Token), CancellationToken.None);
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var gateway = runtime.Gateway;

        // 1. No new intents: the loop ends after its current tick, and strategies are never called again.
        await _stop.CancelAsync();
        await Step("stop the trading loop", () => _loop.WaitAsync(cancellationToken));
        runtime.ReleaseWaiters();
        Log.StrategiesStopped(logger);

        // 2. In-flight submits resolve: a no-op read runs after every command queued before it.
        using (var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            drain.CancelAfter(runtime.Settings.Service.DrainTimeout);
            try
            {
                await gateway.ReadAsync(_ => true, drain.Token).WaitAsync(drain.Token);
            }
            catch (OperationCanceledException)
            {
                Log.DrainTimedOut(logger, runtime.Settings.Service.DrainTimeout);
            }
        }

        // The account's news that the loop did not get to (fills, cancels) still reaches the journal, strategies aside.
        await Step("apply pending venue events", () => ApplyPendingVenueEventsAsync(cancellationToken));

        // 3. Resting orders (optional).
        if (runtime.Settings.Service.CancelOnShutdown && runtime.Reconciled)
        {
            await Step("cancel resting orders", async () =>
            {
                var cancelled = await gateway.CancelAllAsync(cancellationToken).WaitAsync(cancellationToken);
                Log.CancelledOnShutdown(logger, cancelled);
                await SettleAsync(cancellationToken);
            });
        }

        // 4. Markets the venue has resolved but we have not booked yet (a poll sees a close late, and the loop has
        // stopped reading): their payouts belong in the last checkpoint, or it disagrees with the venue until a restart.
        if (runtime.Reconciled)
        {
            await Step("settle resolved markets", () => SettleResolvedMarketsAsync(cancellationToken));
        }

        // 5. The journal: portfolio and risk counters, then the writer drains and stops.
        if (runtime.Reconciled)
        {
            await Step("checkpoint the journal", () => gateway.CheckpointAsync(cancellationToken).WaitAsync(cancellationToken));
        }

        gateway.Complete();
        await Step("stop the order writer", async () =>
        {
            try
            {
                await _writer.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await _stopWriter.CancelAsync();
                throw;
            }
        });
        Log.Stopped(logger);
    }

    public void Dispose()
    {
        _stop.Dispose();
        _stopWriter.Dispose();
    }

    private async Task ApplyPendingVenueEventsAsync(CancellationToken cancellationToken)
    {
        if (!runtime.Reconciled)
        {
            return;
        }

        while (runtime.Source.VenueEvents.TryRead(out var venueEvent))
        {
            await runtime.Gateway.ApplyVenueEventAsync(venueEvent, cancellationToken).WaitAsync(cancellationToken);
        }
    }

    /// <summary>Books every resolution waiting in the market data, after asking the venue for the latest; strategies aside.</summary>
    private async Task SettleResolvedMarketsAsync(CancellationToken cancellationToken)
    {
        await runtime.Source.PollResolutionsAsync(cancellationToken);
        while (runtime.Source.MarketData.TryRead(out var marketData))
        {
            // Books and listings no longer matter: nothing will quote on them.
            if (marketData is MarketResolvedEvent resolved && runtime.Markets.Market(resolved.Resolution.Condition) is { } market)
            {
                await runtime.Gateway.SettleAsync(market, resolved.Resolution, cancellationToken).WaitAsync(cancellationToken);
                runtime.Markets.Remove(market);
                Log.SettledOnShutdown(logger, market.Condition.Value, resolved.Resolution.Winner);
            }
        }
    }

    /// <summary>Applies the venue's news for <see cref="ITradingVenue.SettleTime"/> (a streamed venue reports fills and cancels late).</summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        var settle = runtime.Source.SettleTime;
        if (settle > TimeSpan.Zero && runtime.Reconciled)
        {
            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            window.CancelAfter(settle);
            try
            {
                while (await runtime.Source.VenueEvents.WaitToReadAsync(window.Token))
                {
                    await ApplyPendingVenueEventsAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The settle time is over.
            }
        }

        await ApplyPendingVenueEventsAsync(cancellationToken);
    }

    private async Task Step(string name, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex)
        {
            // Shutdown goes on: each later step still protects something (orders, the journal).
            Log.ShutdownStepFailed(logger, name, ex);
        }
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        try
        {
            await TradeAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        catch (Exception ex)
        {
            // A bug or a broken invariant: stop the host with a non-zero exit; start-up reconciliation makes the restart safe.
            Faulted = true;
            Log.DriverFaulted(logger, ex);
            lifetime.StopApplication();
        }
    }

    private async Task TradeAsync(CancellationToken stop)
    {
        var source = runtime.Source;
        var gateway = runtime.Gateway;
        source.BeforeReconcile();
        var report = await gateway.ReconcileAsync(runtime.Snapshot, stop);
        if (!report.Succeeded)
        {
            // Invariant 4: no strategy runs, and /health/ready says why. A restart retries.
            runtime.MarkReconcileFailed(report.Failure ?? "unknown");
            Log.ReconciliationFailed(logger, report.Failure ?? "unknown");
            return;
        }

        if (runtime.KillSwitch.IsHalted)
        {
            Log.StartingHalted(logger, runtime.KillSwitch.State.ChangedAt, runtime.KillSwitch.State.Reason);
        }

        var engine = new TradingEngine(gateway, runtime.Markets, runtime.Strategies, time, runtime.EngineOptions);
        Log.Reconciled(logger, report.OrdersChecked, report.FillsImported, report.Discrepancies.Count);
        await source.AfterReconcileAsync(stop);
        runtime.MarkReconciled();

        using var timer = new PeriodicTimer(source.Step, time);
        do
        {
            // Engine calls are never cancelled half-way: the stop token only ends the loop between them.
            ApplySwitches(engine);
            source.Advance(time.GetUtcNow());
            await PumpAsync(engine);
            await engine.OnTimerAsync(CancellationToken.None);
            await PumpAsync(engine);
            _ticks++;
            await PublishAsync(engine, force: true);
        }
        while (await BetweenTicksAsync(engine, timer, stop));
    }

    /// <summary>
    /// Until the next tick, applies market data and account events the moment they arrive (a quote must not wait a whole
    /// step to react to the book or to a fill). False once stopping.
    /// </summary>
    private async Task<bool> BetweenTicksAsync(TradingEngine engine, PeriodicTimer timer, CancellationToken stop)
    {
        var source = runtime.Source;
        var tick = timer.WaitForNextTickAsync(stop).AsTask();
        var watchMarketData = true;
        var watchVenueEvents = true;
        while (!tick.IsCompleted)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var marketData = watchMarketData ? source.MarketData.WaitToReadAsync(waiting.Token).AsTask() : Never;
            var venueEvents = watchVenueEvents ? source.VenueEvents.WaitToReadAsync(waiting.Token).AsTask() : Never;
            var viewDue = _viewStale ? Task.Delay(ViewInterval, time, waiting.Token) : Never;
            await Task.WhenAny(tick, marketData, venueEvents, viewDue);
            await waiting.CancelAsync();

            // A completed (or failed) channel answers at once, every time: stop waiting on it; the ticks go on.
            watchMarketData &= StillOpen(marketData);
            watchVenueEvents &= StillOpen(venueEvents);
            if (tick.IsCompleted)
            {
                break;
            }

            ApplySwitches(engine);
            await PumpAsync(engine);
            await PublishAsync(engine, force: false);
        }

        return await tick;
    }

    private static bool StillOpen(Task<bool> wait)
    {
        if (wait.IsFaulted)
        {
            _ = wait.Exception; // observed: the pump's reads see the same end of the channel
            return false;
        }

        return !wait.IsCompletedSuccessfully || wait.Result;
    }

    private void ApplySwitches(TradingEngine engine)
    {
        foreach (var strategy in runtime.Strategies)
        {
            engine.SetEnabled(strategy.Id, runtime.ShouldRun(strategy.Id.Value));
        }
    }

    /// <summary>
    /// Publishes the view for /metrics and readiness: every tick, and between ticks at most every
    /// <see cref="ViewInterval"/> — a change it skips is published when that interval is up, not at the next tick.
    /// </summary>
    private async Task PublishAsync(TradingEngine engine, bool force)
    {
        var now = time.GetTimestamp();
        if (!force && _publishedAt is { } last && time.GetElapsedTime(last, now) < ViewInterval)
        {
            _viewStale = true;
            return;
        }

        _publishedAt = now;
        _viewStale = false;
        runtime.Publish(await ViewAsync(engine, _ticks));
    }

    private async Task PumpAsync(TradingEngine engine)
    {
        var source = runtime.Source;
        var busy = true;
        while (busy)
        {
            busy = false;
            while (source.MarketData.TryRead(out var marketData))
            {
                busy = true;
                await engine.OnMarketDataAsync(marketData, CancellationToken.None);
            }

            while (source.VenueEvents.TryRead(out var venueEvent))
            {
                busy = true;
                await engine.OnVenueEventAsync(venueEvent, CancellationToken.None);
            }
        }
    }

    private async Task<EngineView> ViewAsync(TradingEngine engine, long ticks)
    {
        var now = time.GetUtcNow();
        var trusted = true;
        var maxAge = TimeSpan.Zero;
        foreach (var book in engine.Markets.Books)
        {
            trusted &= book.IsTrusted;
            var age = book.UpdateCount == 0 ? TimeSpan.Zero : now - book.LastUpdate;
            maxAge = age > maxAge ? age : maxAge;
        }

        var (open, exposure, pnl) = await runtime.Gateway.ReadAsync(
            g => (g.Orders.LiveCount, g.Ledger.Wallet.GrossExposure, g.Ledger.DailyRealizedPnl), CancellationToken.None);
        // In machine seconds, as MaxBookAge is (book times are the venue's: see MarketClock).
        maxAge /= MarketClock.SpeedOf(time);
        return new EngineView(ticks, trusted && engine.Markets.Books.Count > 0, maxAge, open, exposure, pnl, now);
    }
}
