using System.Globalization;
using System.Text;

namespace Ploy.KillTest;

/// <summary>A finished run: its figures, where its journal and logs are, and the printed report.</summary>
public sealed class KillTestResult(KillTestFigures figures, string workDirectory)
{
    public KillTestFigures Figures { get; } = figures;

    public string WorkDirectory { get; } = workDirectory;

    public bool Passed => Figures.Failures.Count == 0;

    /// <summary>The nearest-rank percentile (0–100) of <paramref name="values"/>; NaN when empty.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public string Render()
    {
        var f = Figures;
        var text = new StringBuilder();
        void Line(string name, FormattableString value) => text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-28} {value.ToString(CultureInfo.InvariantCulture)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"kill test figures (seed {f.Seed}, answers held {f.AnswerDelay.TotalMilliseconds:0} ms)");
        Line("kills", $"{f.Kills}");
        Line("  aimed mid-submit", $"{f.KillsAimedMidSubmit} (the venue held the answer to our order POST)");
        Line("  during start-up", $"{f.KillsDuringStartup} (before reconciliation finished)");
        Line("  mid-submit, by evidence", $"{f.StartsWithInFlight} restarts found {f.InFlightAtStart} in-flight intents");
        Line("in-flight intents resolved", $"{f.InFlightFoundAtVenue} found at the venue, {f.InFlightNeverReached} never reached it");
        Line("answers abandoned (venue)", $"{f.AnswersAbandoned}");
        Line("orders (venue / journal)", $"{f.VenueOrders} / {f.JournalIntents} intents");
        Line("fills (venue / journal)", $"{f.VenueTrades} / {f.JournalFills}");
        Line("duplicates", $"{f.Duplicates}");
        Line("orphan venue orders", $"{f.OrphanOrders}");
        Line("lost fills", $"{f.LostFills}");
        Line("extra fills", $"{f.ExtraFills}");
        Line("misattributed fills", $"{f.MisattributedFills}");
        Line("unresolved intents", $"{f.UnresolvedIntents}");
        Line("position mismatches", $"{f.PositionMismatches}");
        Line("restarts adopting venue", $"{f.StartsAdoptingVenueLedger} (the engine's snapshot + later fills disagreed; see docs/RECOVERY.md)");
        Line("final run exit code", $"{(f.FinalRunExitCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "-")}");
        Line("recovery p50 / p99", $"{Percentile(f.RecoveryMilliseconds, 50):0} ms / {Percentile(f.RecoveryMilliseconds, 99):0} ms over {f.RecoveryMilliseconds.Count} starts (process start to reconciled, ready to trade)");
        Line("reconciliation p50 / p99", $"{Percentile(f.ReconcileMilliseconds, 50):0.0} ms / {Percentile(f.ReconcileMilliseconds, 99):0.0} ms (inside the engine)");
        foreach (var failure in f.Failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  FAILURE: {failure}");
        }

        text.AppendLine(Passed
            ? "kill test: PASS — nothing sent twice, no fill lost, journal positions equal the venue's ledger"
            : $"kill test: FAIL ({f.Failures.Count} findings; journal and logs kept in {WorkDirectory})");
        return text.ToString();
    }
}
