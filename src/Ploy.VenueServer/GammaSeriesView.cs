using System.Globalization;

namespace Ploy.VenueServer;

/// <summary>
/// The venue's one recurring series as Gamma serves it: every round listed so far (the most recent
/// <see cref="MaxHistory"/> closed ones, so a long run does not grow every answer) plus the next, announced round.
/// </summary>
internal sealed class GammaSeriesView
{
    /// <summary>Closed rounds kept in answers: enough for history, bounded for long runs at high speed.</summary>
    public const int MaxHistory = 50;

    public const string Id = "1";

    private GammaSeriesView(VenueCore core, IReadOnlyList<GammaRound> rounds)
    {
        Slug = core.Options.Simulation.Series;
        Symbol = core.Options.Simulation.ReferenceSymbol;
        Length = core.Options.Simulation.RoundLength;
        Rounds = rounds;
    }

    /// <summary>The series slug: the simulator's series name (its rounds' slugs are "{series}-{start Unix second}", as on Polymarket).</summary>
    public string Slug { get; }

    public string Symbol { get; }

    public TimeSpan Length { get; }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<GammaRound> Rounds { get; }

    public string Title => $"{Symbol} Up or Down {Recurrence}";

    /// <summary>Polymarket's recurrence labels: "5m", "15m", "1h", "1d"; the length in minutes otherwise.</summary>
    public string Recurrence => Length.TotalMinutes switch
    {
        < 60 when Length.TotalMinutes == Math.Floor(Length.TotalMinutes) => string.Create(CultureInfo.InvariantCulture, $"{Length.TotalMinutes:0}m"),
        60 => "hourly",
        1440 => "daily",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Length.TotalSeconds:0}s"),
    };

    public static GammaSeriesView Of(VenueCore core)
    {
        var listed = core.Markets().Where(e => e.Market.Round is not null).Select(GammaRound.Listed).OrderBy(r => r.Start).ToList();
        var closed = listed.Where(r => r.Closed).ToList();
        var rounds = closed.Skip(Math.Max(0, closed.Count - MaxHistory)).Concat(listed.Where(r => !r.Closed)).ToList();
        if (rounds.LastOrDefault(r => !r.Closed) is { } current)
        {
            rounds.Add(GammaRound.Upcoming(core.Options.Simulation.Series, current, core.Options.Simulation.RoundLength));
        }

        return new GammaSeriesView(core, rounds);
    }
}
