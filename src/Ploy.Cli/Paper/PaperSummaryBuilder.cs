using Ploy.Core.Strategies;
using Ploy.Execution.Gateway;

namespace Ploy.Cli.Paper;

/// <summary>Builds a <see cref="PaperSummary"/> from the gateway's state; call it on the gateway's writer.</summary>
internal static class PaperSummaryBuilder
{
    public static PaperSummary Build(OrderGateway g, PaperSettings settings, IEnumerable<IStrategy> strategies,
        double simulatedSeconds, bool completed, int rounds, IReadOnlyList<string> ledgerDifferences)
    {
        var strategyNames = strategies.Select(s => s.Id).Concat(g.Ledger.ByStrategy.Keys).Distinct();
        var byStrategy = strategyNames.ToDictionary(
            s => s.Value,
            s =>
            {
                var counters = g.Stats.For(s);
                var portfolio = g.Ledger.For(s);
                return new StrategySummary(counters.Orders, counters.Fills, decimal.Round(portfolio.RealizedPnl, 6),
                    portfolio.Positions.Sum(p => p.Shares));
            },
            StringComparer.Ordinal);
        return new PaperSummary(
            settings.Seed,
            settings.Duration?.TotalSeconds ?? 0,
            simulatedSeconds,
            completed,
            rounds,
            g.Stats.OrdersPlaced,
            g.Stats.OrdersFilled,
            g.Stats.Fills,
            g.Denials.Total,
            g.Stats.OrdersFailed,
            decimal.Round(g.Ledger.Wallet.RealizedPnl, 6),
            decimal.Round(g.Ledger.Wallet.Cash, 6),
            g.KillSwitch.IsHalted,
            g.KillSwitch.State.Reason,
            ledgerDifferences.Count == 0,
            ledgerDifferences,
            byStrategy,
            g.Denials.Snapshot().ToDictionary(d => d.Key.ToString(), d => d.Value, StringComparer.Ordinal));
    }
}
