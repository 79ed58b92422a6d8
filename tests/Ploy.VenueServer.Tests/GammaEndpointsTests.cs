using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Gamma;

namespace Ploy.VenueServer.Tests;

/// <summary>`ploy venue`'s Gamma, read with the adapter's Gamma client over loopback HTTP.</summary>
public sealed class GammaEndpointsTests
{
    private const string Series = "btc-updown-15m";

    private static PolymarketGammaClient Gamma(VenueTestHost venue) =>
        new(venue.Http, new PolymarketGammaClientOptions { BaseAddress = new Uri(venue.Host.BaseAddress, "gamma/"), MaxReadRetries = 0 }, venue.Clock);

    [Fact]
    public async Task GetRounds_OpenRound_IsTheClobMarketWithItsPriceToBeatAndTheNextRoundIsAnnounced()
    {
        await using var venue = await VenueTestHost.StartAsync();
        var (token, condition, _) = await venue.FirstTokenAsync();
        var listed = Assert.Single(venue.Host.Exchange.ActiveMarkets);

        var rounds = await Gamma(venue).GetRoundsAsync(Series, venue.Clock.GetUtcNow(), CancellationToken.None);

        Assert.True(rounds.IsSuccess, rounds.Error?.ToString());
        var current = rounds.Value!.Current!;
        var market = Assert.Single(current.Markets);
        Assert.Equal(condition, market.ConditionId);
        Assert.Equal(token, market.BinaryTokens()!.Yes);
        Assert.Equal(listed.Round!.StartPrice, current.Metadata!.PriceToBeat);
        Assert.Equal(listed.ClosesAt, current.WindowEnd);
        Assert.True(market.AcceptingOrders);
        var next = rounds.Value.Next!;
        Assert.Equal(current.WindowEnd, next.WindowStart);
        Assert.Null(next.Metadata?.PriceToBeat);
        Assert.False(Assert.Single(next.Markets).AcceptingOrders);
    }

    [Fact]
    public async Task GetRounds_AfterTheRoundCloses_TheAnnouncedRoundOpensWithTheIdsItWasAnnouncedWith()
    {
        await using var venue = await VenueTestHost.StartAsync();
        var gamma = Gamma(venue);
        var before = (await gamma.GetRoundsAsync(Series, venue.Clock.GetUtcNow(), CancellationToken.None)).Value!;

        venue.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        venue.Host.Pump();
        var after = (await gamma.GetRoundsAsync(Series, venue.Clock.GetUtcNow(), CancellationToken.None)).Value!;
        var (token, condition, _) = await venue.FirstTokenAsync();

        var announced = Assert.Single(before.Next!.Markets);
        var opened = Assert.Single(after.Current!.Markets);
        Assert.Equal(before.Next.Slug, after.Current.Slug);
        Assert.Equal(announced.ConditionId, opened.ConditionId);
        Assert.Equal(announced.TokenIds, opened.TokenIds);
        Assert.Equal(condition, opened.ConditionId);
        Assert.Equal(token, opened.BinaryTokens()!.Yes);
        Assert.NotNull(after.Current.Metadata?.PriceToBeat);
        var series = (await gamma.GetSeriesBySlugAsync(Series, CancellationToken.None)).Value!;
        Assert.Contains(series.Events, e => e.Slug == before.Current!.Slug && e.Closed == true);
    }

    [Fact]
    public async Task Lookups_BySlugTokenAndSearch_FindTheRoundAndUnknownSlugsAreNotFound()
    {
        await using var venue = await VenueTestHost.StartAsync();
        var gamma = Gamma(venue);
        var (token, condition, _) = await venue.FirstTokenAsync();
        var slug = (await gamma.GetRoundsAsync(Series, venue.Clock.GetUtcNow(), CancellationToken.None)).Value!.Current!.Slug!;

        var byEvent = await gamma.GetEventBySlugAsync(slug, CancellationToken.None);
        var byMarket = await gamma.GetMarketBySlugAsync(slug, CancellationToken.None);
        var byToken = await gamma.GetMarketsAsync(new PolymarketGammaQuery { ClobTokenIds = [token] }, CancellationToken.None);
        var open = await gamma.GetEventsAsync(new PolymarketGammaQuery { Closed = false, Limit = 1 }, CancellationToken.None);
        var search = await gamma.SearchAsync("btc", CancellationToken.None);
        var missing = await gamma.GetEventBySlugAsync("no-such-round", CancellationToken.None);
        var missingSeries = await gamma.GetSeriesBySlugAsync("no-such-series", CancellationToken.None);

        Assert.Equal(condition, Assert.Single(byEvent.Value!.Markets).ConditionId);
        Assert.Equal(condition, byMarket.Value!.ConditionId);
        Assert.Equal(condition, Assert.Single(byToken.Value!).ConditionId);
        Assert.Equal(slug, Assert.Single(open.Value!).Slug);
        Assert.Contains(search.Value!.Events, e => e.Slug == slug);
        Assert.Equal(VenueErrorKind.NotFound, missing.Error!.Kind);
        Assert.Equal(VenueErrorKind.NotFound, missingSeries.Error!.Kind);
    }

    [Fact]
    public async Task RootPaths_GammaWhereTheClobHasNoRoute_AndTheClobKeepsGetMarkets()
    {
        await using var venue = await VenueTestHost.StartAsync();
        var atRoot = new PolymarketGammaClient(venue.Http, new PolymarketGammaClientOptions { BaseAddress = venue.Host.BaseAddress }, venue.Clock);

        var rounds = await atRoot.GetRoundsAsync(Series, venue.Clock.GetUtcNow(), CancellationToken.None);
        using var clob = await venue.Http.GetAsync("/markets");
        var page = await VenueTestHost.ReadJsonAsync(clob);

        Assert.NotNull(rounds.Value!.Current);
        Assert.True(page.TryGetProperty("next_cursor", out _), "GET /markets at the root must stay the CLOB's paged list");
    }
}
