using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Ploy.Core.Journal;
using Ploy.Core.Strategies;
using Ploy.Core.Time;
using Ploy.Execution.Accounting;
using Ploy.Execution.Diagnostics;
using Ploy.Execution.Engine;
using Ploy.Execution.Gateway;
using Ploy.Execution.Risk;
using Ploy.Execution.Safety;
using Ploy.Venues.Simulated;

namespace Ploy.Cli.Paper;

/// <summary>
/// A paper session: the whole engine against the in-process simulated venue, on simulated time. The
/// simulated clock advances in fixed steps and every input is handled to completion before the next, so the
/// session is a pure function of the seed and the number of steps; wall-clock pacing only decides how fast
/// the steps are taken.
/// </summary>
public sealed class PaperSession(PaperSettings settings, IReadOnlyList<IStrategy> strategies, IJournal journal, ILoggerFactory loggers, TextWriter output)
{
    private readonly ManualTimeProvider _clock = new(PaperSettings.SimulationEpoch);

    public async Task<PaperSummary> RunAsync(CancellationToken cancellationToken)
    {
        var simulation = new SimulatedExchange(CloneSimulation(), _clock);
        await journal.InitializeAsync(CancellationToken.None);
        var snapshot = await journal.LoadAsync(CancellationToken.None);
        var now = _clock.GetUtcNow();
        var ledger = new AccountLedger(0m, DateOnly.FromDateTime(now.UtcDateTime));
        var killSwitch = new KillSwitch(snapshot.KillSwitch, now);
        var markets = new MarketState();
        using var metrics = new ExecutionMetrics();
        var gateway = new OrderGateway(simulation.Venue, journal, new RiskGate(settings.Risk), killSwitch, ledger, markets, _clock,
            loggers.CreateLogger("Ploy.Execution"), metrics, settings.Gateway);

        // The writer loop outlives Ctrl-C: finishing the session (checkpoint, summary) still needs it.
        using var stopWriter = new CancellationTokenSource();
        var writer = gateway.RunAsync(stopWriter.Token);
        try
        {
            simulation.Start();
            var report = await gateway.ReconcileAsync(snapshot, CancellationToken.None);
            if (!report.Succeeded)
            {
                throw new InvalidOperationException($"Start-up reconciliation failed: {report.Failure}. Not trading.");
            }

            if (report.Discrepancies.Count > 0)
            {
                // Each paper session is a new simulated world; the journal still holds the last one's books.
                await output.WriteLineAsync($"Start-up reconciliation: the journal differs from this simulated venue ({report.Discrepancies.Count} differences: {string.Join("; ", report.Discrepancies.Take(3))}); adopting the venue's ledger.");
            }

            if (killSwitch.IsHalted)
            {
                await output.WriteLineAsync($"Starting HALTED (since {killSwitch.State.ChangedAt:u}: {killSwitch.State.Reason}); only reduce-only exits are allowed.");
            }

            var engine = new TradingEngine(gateway, markets, strategies, _clock, settings.Engine);
            var status = new StatusLine(output, settings, gateway);
            var completed = await RunStepsAsync(simulation, engine, status, cancellationToken);
            await gateway.CheckpointAsync(CancellationToken.None);
            status.Finish();
            return await SummarizeAsync(simulation, gateway, completed, status.RoundsResolved);
        }
        finally
        {
            gateway.Complete();
            await writer;
        }
    }

    private async Task<bool> RunStepsAsync(SimulatedExchange simulation, TradingEngine engine, StatusLine status, CancellationToken cancellationToken)
    {
        var step = settings.Simulation.Step;
        long? steps = settings.SimulatedSpan is { } span ? (long)(span / step) : null;
        var wall = Stopwatch.StartNew();
        var wallPerStep = step / settings.Speed;
        for (long i = 0; steps is null || i < steps; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            _clock.Advance(step);
            simulation.AdvanceTo(_clock.GetUtcNow());
            await PumpAsync(simulation, engine, status);
            await engine.OnTimerAsync(CancellationToken.None);
            await PumpAsync(simulation, engine, status);
            status.Update(i + 1, steps);

            if (!settings.Fast)
            {
                var due = wallPerStep * (i + 1) - wall.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(due, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Feeds every pending market-data and venue event to the engine, until both streams are empty.</summary>
    private static async Task PumpAsync(SimulatedExchange simulation, TradingEngine engine, StatusLine status)
    {
        var busy = true;
        while (busy)
        {
            busy = false;
            while (simulation.MarketData.Events.TryRead(out var marketData))
            {
                busy = true;
                status.Observe(marketData);
                await engine.OnMarketDataAsync(marketData, CancellationToken.None);
            }

            while (simulation.Venue.Events.TryRead(out var venueEvent))
            {
                busy = true;
                await engine.OnVenueEventAsync(venueEvent, CancellationToken.None);
            }
        }
    }

    private async Task<PaperSummary> SummarizeAsync(SimulatedExchange simulation, OrderGateway gateway, bool completed, int rounds)
    {
        return await gateway.ReadAsync(g =>
        {
            var differences = LedgerComparison.Compare(g.Ledger.Wallet, simulation.TraderLedger());
            return PaperSummaryBuilder.Build(g, settings, strategies, (_clock.GetUtcNow() - PaperSettings.SimulationEpoch).TotalSeconds, completed, rounds, differences);
        }, CancellationToken.None);
    }

    private SimulationOptions CloneSimulation() => settings.Simulation with { Seed = settings.Seed };
}
