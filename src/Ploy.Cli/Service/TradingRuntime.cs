using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Ploy.Core.Journal;
using Ploy.Core.Strategies;
using Ploy.Core.Venues;
using Ploy.Execution.Accounting;
using Ploy.Execution.Diagnostics;
using Ploy.Execution.Engine;
using Ploy.Execution.Gateway;
using Ploy.Execution.Risk;
using Ploy.Execution.Safety;
using Ploy.Hosting.Control;
using Ploy.Hosting.Health;
using Ploy.Hosting.Metrics;
using Ploy.Persistence;

namespace Ploy.Cli.Service;

/// <summary>
/// The engine's components for one <c>ploy run</c>, and the views the HTTP side reads: trading state for
/// <c>/metrics</c>, readiness for <c>/health/ready</c>, and the control API. Engine state is owned by the trading loop
/// (<see cref="TradingDriver"/>); order state by the gateway's writer. This class only reads what they publish, and
/// hands changes to them: order commands go through the gateway's queue, strategy switches are applied by the loop
/// on its next tick (the engine stays single-threaded).
/// </summary>
internal sealed class TradingRuntime : ITradingStateSource, IReadinessSource, ITradingControl, IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, bool> _enabled = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile EngineView _view;
    private volatile IReadOnlyDictionary<string, long> _deployments = new Dictionary<string, long>();
    private volatile TaskCompletionSource _nextTick = NewTick();
    private volatile bool _paused;
    private volatile bool _reconciled;
    private volatile string? _reconcileFailure;

    public TradingRuntime(
        ServiceSettings settings,
        ITradingVenue source,
        IVenue venue,
        IJournalStore journal,
        JournalSnapshot snapshot,
        IReadOnlyList<IStrategy> strategies,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        Settings = settings;
        Source = source;
        Venue = venue;
        Journal = journal;
        Snapshot = snapshot;
        Strategies = strategies;
        _time = time;
        _logger = loggers.CreateLogger("Ploy.Cli.Service");
        var now = time.GetUtcNow();
        _view = EngineView.Initial(now);
        KillSwitch = new KillSwitch(snapshot.KillSwitch, now);
        Markets = new MarketState();
        Metrics = new ExecutionMetrics();
        Gateway = new OrderGateway(venue, journal, new RiskGate(settings.Risk), KillSwitch, new AccountLedger(0m, DateOnly.FromDateTime(now.UtcDateTime)),
            Markets, time, loggers.CreateLogger("Ploy.Execution"), Metrics, settings.Gateway);

        // Client order ids must never repeat across restarts (the journal keys on them): the prefix carries the start time.
        EngineOptions = new EngineOptions
        {
            MaxBookAge = settings.Engine.MaxBookAge,
            CheckpointInterval = settings.Engine.CheckpointInterval,
            ResolveInterval = settings.Engine.ResolveInterval,
            OrderIdPrefix = settings.Engine.OrderIdPrefix + "-" + Base36(now.ToUnixTimeMilliseconds()),
        };
        foreach (var strategy in strategies)
        {
            _enabled[strategy.Id.Value] = true;
        }
    }

    public ServiceSettings Settings { get; }

    /// <summary>Where the market data and the venue's news come from (the simulation, or the Polymarket adapter).</summary>
    public ITradingVenue Source { get; }

    public IVenue Venue { get; }

    public IJournalStore Journal { get; }

    public JournalSnapshot Snapshot { get; }

    public IReadOnlyList<IStrategy> Strategies { get; }

    public KillSwitch KillSwitch { get; }

    public MarketState Markets { get; }

    public ExecutionMetrics Metrics { get; }

    public OrderGateway Gateway { get; }

    public EngineOptions EngineOptions { get; }

    public bool Reconciled => _reconciled;

    public string? ReconcileFailure => _reconcileFailure;

    public bool Paused => _paused;

    public EngineView View => _view;

    /// <summary>Whether the loop should let <paramref name="strategy"/> run now (operator switch and pause).</summary>
    public bool ShouldRun(string strategy) => !_paused && _enabled.GetValueOrDefault(strategy, true);

    public void MarkReconciled() => _reconciled = true;

    public void MarkReconcileFailed(string failure) => _reconcileFailure = failure;

    public void SetDeployments(IReadOnlyDictionary<string, long> deployments) => _deployments = deployments;

    /// <summary>Called by the loop after each tick: publishes the view and wakes callers waiting for it.</summary>
    public void Publish(EngineView view)
    {
        _view = view;
        Interlocked.Exchange(ref _nextTick, NewTick()).TrySetResult();
    }

    /// <summary>Wakes every waiter (the loop is gone: nothing will tick again).</summary>
    public void ReleaseWaiters() => _nextTick.TrySetResult();

    public TradingStateSnapshot GetSnapshot()
    {
        var view = _view;
        var signals = Source.Signals;
        return new TradingStateSnapshot(
            view.MaxBookAge,
            signals.WebSocketReconnects,
            signals.WebSocketGaps,
            Gateway.Stats.ReconciliationDiscrepancies,
            signals.HeartbeatFailures,
            signals.RateLimitWaits,
            KillSwitch.IsHalted,
            view.OpenOrders,
            view.ExposureUsd,
            view.DailyPnlUsd,
            _deployments);
    }

    public ReadinessFacts GetReadiness() =>
        new(_reconciled, _reconciled && _view.BooksTrusted, Gateway.JournalHealthy, KillSwitch.IsHalted);

    public Task<TradingStatusView> GetStatusAsync(CancellationToken cancellationToken)
    {
        var view = _view;
        var halt = KillSwitch.State;
        return Task.FromResult(new TradingStatusView(
            Settings.Mode.ToString().ToLowerInvariant(), Venue.Name, _paused, halt.Halted, halt.Reason, view.OpenOrders, view.ExposureUsd, view.DailyPnlUsd, view.AsOf));
    }

    public async Task<IReadOnlyList<PositionView>> GetPositionsAsync(CancellationToken cancellationToken) =>
        await Gateway.ReadAsync<IReadOnlyList<PositionView>>(
            g => [.. g.Ledger.Wallet.Positions
                .Where(p => !p.IsFlat)
                .OrderBy(p => p.Token.Value, StringComparer.Ordinal)
                .Select(p => new PositionView(p.Token.Value, null, null, p.Shares, p.AverageCost, p.RealizedPnl, 0m))],
            cancellationToken).WaitAsync(ReadTimeout, _time, cancellationToken);

    public async Task<IReadOnlyList<OrderView>> GetOrdersAsync(CancellationToken cancellationToken) =>
        await Gateway.ReadAsync<IReadOnlyList<OrderView>>(
            g => [.. g.Orders.All
                .OrderByDescending(o => o.CreatedAt)
                .ThenByDescending(o => o.Id.Value, StringComparer.Ordinal)
                .Select(o => new OrderView(o.Id.Value, o.VenueId?.Value, o.Token.Value, o.Side.ToString(), o.LimitPrice.Value, o.Quantity.Shares,
                    o.FilledQuantity.Shares, o.Status.ToString(), o.Strategy.Value, o.CreatedAt))],
            cancellationToken).WaitAsync(ReadTimeout, _time, cancellationToken);

    public Task<IReadOnlyList<StrategyView>> GetStrategiesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StrategyView>>([.. Strategies.Select(s => new StrategyView(s.Id.Value, _enabled.GetValueOrDefault(s.Id.Value, true), null))]);

    public async Task<ControlResult> PauseAsync(string? reason, CancellationToken cancellationToken)
    {
        _paused = true;
        Log.ControlApplied(_logger, "pause" + (reason is null ? string.Empty : ": " + reason));
        await WaitForTickAsync(cancellationToken);
        return ControlResult.Ok("Paused: strategies place no new orders; resting orders stay (use cancel-all or kill to remove them).");
    }

    public async Task<ControlResult> ResumeAsync(CancellationToken cancellationToken)
    {
        // Resume is the operator's way out of both a pause and a halt; releasing the halt is persisted before buys resume.
        var wasHalted = KillSwitch.IsHalted;
        if (wasHalted)
        {
            await Gateway.ResumeAsync(cancellationToken);
        }

        _paused = false;
        Log.ControlApplied(_logger, "resume");
        await WaitForTickAsync(cancellationToken);
        return ControlResult.Ok(wasHalted ? "Resumed: kill switch released (persisted) and strategies running." : "Resumed: strategies running.");
    }

    public async Task<ControlResult> KillAsync(string? reason, CancellationToken cancellationToken)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? "operator kill via the control API" : reason;
        await Gateway.HaltAsync(why, cancellationToken);
        return ControlResult.Ok($"Halted ({why}): persisted, new buys refused, resting orders cancelled.");
    }

    public async Task<ControlResult> CancelAllAsync(CancellationToken cancellationToken)
    {
        var cancelled = await Gateway.CancelAllAsync(cancellationToken);
        return ControlResult.Ok($"{cancelled} orders cancelled.", cancelled);
    }

    public async Task<ControlResult> SetStrategyEnabledAsync(string strategyId, bool enabled, CancellationToken cancellationToken)
    {
        _enabled[strategyId] = enabled;
        Log.ControlApplied(_logger, (enabled ? "enable " : "disable ") + strategyId);
        await WaitForTickAsync(cancellationToken);
        return ControlResult.Ok($"Strategy {strategyId} {(enabled ? "enabled" : "disabled")}{(_paused && enabled ? " (the service is paused: it runs after resume)" : string.Empty)}.");
    }

    public void Dispose() => Metrics.Dispose();

    /// <summary>Returns once the loop has run a tick after now (so the change took effect), or at once when it is not running.</summary>
    private async Task WaitForTickAsync(CancellationToken cancellationToken)
    {
        if (!_reconciled)
        {
            return;
        }

        try
        {
            await _nextTick.Task.WaitAsync(ReadTimeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The switch is recorded; the loop applies it when it ticks again.
        }
    }

    private static TaskCompletionSource NewTick() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string Base36(long value)
    {
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var buffer = new char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = Digits[(int)(value % 36)];
            value /= 36;
        }
        while (value > 0);
        return new string(buffer, i, buffer.Length - i);
    }
}
