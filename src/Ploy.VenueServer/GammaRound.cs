using System.Globalization;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Synthetic;

namespace Ploy.VenueServer;

/// <summary>
/// One round of the venue's recurring series as Gamma shows it: a listed round (<see cref="Entry"/> set, open or
/// closed), or the next round, announced before it opens with its ids (the simulator derives them from the slug) but no
/// price to beat and no order book yet — as Polymarket creates rounds ahead of their window.
/// </summary>
internal sealed record GammaRound(string Slug, long Number, DateTimeOffset Start, DateTimeOffset End, string ConditionId, string YesId, string NoId,
    decimal? PriceToBeat, MarketEntry? Entry)
{
    public bool Closed => Entry?.Closed == true;

    public bool AcceptingOrders => Entry is { Closed: false };

    public string Id => Number.ToString(CultureInfo.InvariantCulture);

    public static GammaRound Listed(MarketEntry entry)
    {
        var round = entry.Market.Round!;
        return new GammaRound(SlugOf(entry), round.Number, entry.Market.OpensAt, entry.Market.ClosesAt, entry.ConditionId, entry.YesId, entry.NoId,
            round.StartPrice, entry);
    }

    /// <summary>The round after <paramref name="current"/>: it opens when the current one closes (the simulator lists it then).</summary>
    public static GammaRound Upcoming(string series, GammaRound current, TimeSpan length)
    {
        var number = current.End.ToUnixTimeSeconds();
        var slug = string.Create(CultureInfo.InvariantCulture, $"{series}-{number}");
        return new GammaRound(slug, number, current.End, current.End + length, RoundFactory.ConditionFor(slug).Value,
            VenueCore.PublicTokenId(new TokenId(slug + "-yes")), VenueCore.PublicTokenId(new TokenId(slug + "-no")), null, null);
    }

    private static string SlugOf(MarketEntry entry) =>
        entry.Market.Yes.Value.EndsWith("-yes", StringComparison.Ordinal) ? entry.Market.Yes.Value[..^4] : entry.Market.Yes.Value;
}
