using System.Globalization;
using System.Text;

namespace Ploy.Cli.Paper;

/// <summary>Renders a <see cref="PaperSummary"/> as the table printed at the end of a session.</summary>
public static class SummaryTable
{
    public static string Render(PaperSummary summary)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine();
        text.AppendLine(c, $"Paper session — seed {summary.Seed}, {summary.SimulatedSeconds / 60:0.#} simulated minutes{(summary.Completed ? string.Empty : " (interrupted)")}");
        text.AppendLine(c, $"{"strategy",-14} {"orders",8} {"fills",8} {"realised PnL",14} {"open shares",12}");
        text.AppendLine(new string('-', 60));
        foreach (var (name, s) in summary.Strategies.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.AppendLine(c, $"{name,-14} {s.Orders,8} {s.Fills,8} {s.RealizedPnl,14:+0.00;-0.00;0.00} {s.OpenShares,12:0.##}");
        }

        text.AppendLine(new string('-', 60));
        text.AppendLine(c, $"{"total",-14} {summary.OrdersPlaced,8} {summary.Fills,8} {summary.RealizedPnl,14:+0.00;-0.00;0.00}");
        text.AppendLine();
        text.AppendLine(c, $"orders filled {summary.OrdersFilled} · rejected by risk {summary.RejectedByRisk} · failed {summary.OrdersFailed} · rounds resolved {summary.RoundsResolved}");
        text.AppendLine(c, $"cash {summary.Cash:0.00} pUSD · {(summary.Halted ? "HALTED: " + summary.HaltReason : "not halted")}");
        text.AppendLine(summary.LedgerMatchesVenue
            ? "journal matches the venue's ledger"
            : "JOURNAL DIFFERS FROM THE VENUE'S LEDGER: " + string.Join("; ", summary.LedgerDifferences));
        foreach (var (reason, count) in summary.RiskDenials.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.AppendLine(c, $"  risk denied {count,5} × {reason}");
        }

        return text.ToString();
    }
}
