using System.Diagnostics;
using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Matching;
using Ploy.Venues.Simulated.Synthetic;
using Xunit.Abstractions;

namespace Ploy.Venues.Simulated.Tests;

public sealed class SimulatedExchangeTests(ITestOutputHelper output)
{
    [Fact]
    public void Start_ListsFirstRoundWithDeterministicIdsAndQuotes()
    {
        var h = new ExchangeHarness(new SimulationOptions());

        var market = Assert.Single(h.Exchange.ActiveMarkets);
        var number = ExchangeHarness.Start.ToUnixTimeSeconds();
        Assert.Equal(RoundFactory.ConditionFor($"btc-updown-15m-{number}"), market.Condition);
        Assert.StartsWith("0x", market.Condition.Value, StringComparison.Ordinal);
        Assert.Equal(new TokenId($"btc-updown-15m-{number}-yes"), market.Yes);
        Assert.Equal(new TokenId($"btc-updown-15m-{number}-no"), market.No);
        Assert.Equal(new RoundInfo("btc-updown-15m", number, "BTC", 100_000m), market.Round);
        Assert.Equal(ExchangeHarness.Start.AddMinutes(15), market.ClosesAt);
        Assert.Contains(h.MarketEvents, e => e is MarketListedEvent l && l.Market == market);
        Assert.Equal(2, h.MarketEvents.OfType<BookSnapshotEvent>().Count());
        Assert.NotNull(h.Books[market.Yes].BestBid);
        Assert.NotNull(h.Books[market.No].BestAsk);
    }

    [Fact]
    public void AdvanceTo_PastRoundEnd_ResolvesFromReferenceAndListsNext()
    {
        var h = new ExchangeHarness(new SimulationOptions { Seed = 7 });
        var first = Assert.Single(h.Exchange.ActiveMarkets);

        h.Run(TimeSpan.FromMinutes(15));

        var resolved = Assert.Single(h.MarketEvents.OfType<MarketResolvedEvent>());
        var endPrice = h.MarketEvents.OfType<ReferencePriceEvent>().Last(r => r.At <= first.ClosesAt).Price;
        Assert.Equal(first.Condition, resolved.Resolution.Condition);
        Assert.Equal(endPrice > first.Round!.StartPrice ? Outcome.Yes : Outcome.No, resolved.Resolution.Winner);
        var second = Assert.Single(h.Exchange.ActiveMarkets);
        Assert.NotEqual(first.Condition, second.Condition);
        Assert.Equal(first.ClosesAt, second.OpensAt);
        Assert.Equal(endPrice, second.Round!.StartPrice);
        Assert.Equal(0m, h.Exchange.Ledger.Supply(first.Yes));
        Assert.Equal(0m, h.Exchange.Ledger.Collateral(first.Condition));
    }

    [Fact]
    public void AdvanceTo_SameSeed_IdenticalEventSequences()
    {
        var a = Run(new SimulationOptions { Seed = 42 }, TimeSpan.FromHours(2));
        var b = Run(new SimulationOptions { Seed = 42 }, TimeSpan.FromHours(2));

        Assert.True(a.Count > 10_000, $"only {a.Count} events");
        Assert.Equal(a, b);
    }

    [Fact]
    public void AdvanceTo_DifferentSeeds_DifferentSequences()
    {
        var a = Run(new SimulationOptions { Seed = 1 }, TimeSpan.FromMinutes(10));
        var b = Run(new SimulationOptions { Seed = 2 }, TimeSpan.FromMinutes(10));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void AdvanceTo_TwoHours_LedgerConservedAndBooksMatchMarketData()
    {
        var h = new ExchangeHarness(new SimulationOptions { Seed = 3, TakerFeeRate = 0.02m });
        var clock = Stopwatch.StartNew();
        int steps = 0, mirroredSteps = 0;
        h.Run(TimeSpan.FromHours(2), () =>
        {
            if (++steps % 60 == 0)
            {
                mirroredSteps += AssertBooksMatchEngine(h, h.Exchange.ActiveMarkets.Single()) ? 1 : 0;
            }
        });
        output.WriteLine($"2 h simulated in {clock.ElapsedMilliseconds} ms, {h.MarketEvents.Count} market events");

        var ledger = h.Exchange.Ledger;
        Assert.Equal(ledger.TotalDeposits, ledger.TotalCash + ledger.TotalCollateral + ledger.FeesCollected);
        Assert.True(ledger.FeesCollected > 0m);
        Assert.Equal(8, h.MarketEvents.OfType<MarketResolvedEvent>().Count());
        var market = Assert.Single(h.Exchange.ActiveMarkets);
        Assert.Equal(ledger.Supply(market.Yes), ledger.Supply(market.No));
        Assert.Equal(ledger.Collateral(market.Condition), ledger.Supply(market.Yes));
        Assert.All(ledger.Holdings(), x => Assert.True(x.Total >= 0m && x.Reserved <= x.Total));
        AssertBooksMatchEngine(h, market);

        // The comparison must have seen mirrored levels, or it would not tell mirroring from plain own books.
        Assert.True(mirroredSteps >= steps / 60 / 2, $"mirrored levels in only {mirroredSteps} of {steps / 60} checks");
    }

    [Fact]
    public void AdvanceTo_SeveralRounds_BooksLivelyMirroredAndAsksSometimesSumBelowOne()
    {
        var h = new ExchangeHarness(new SimulationOptions());
        int steps = 0, twoSided = 0, cheapSets = 0, crossed = 0;
        h.Run(TimeSpan.FromHours(1), () =>
        {
            var market = h.Exchange.ActiveMarkets.Single();
            var yes = h.Books[market.Yes];
            var no = h.Books[market.No];
            steps++;
            if (yes.BestBid is { } yesBid && yes.BestAsk is { } yesAsk && no.BestBid is { } noBid && no.BestAsk is { } noAsk)
            {
                twoSided++;

                // Each published book is the other's mirror image: a bid at p in one is an ask at 1 − p in the other.
                Assert.Equal(1m, yesBid.Price.Value + noAsk.Price.Value);
                Assert.Equal(1m, noBid.Price.Value + yesAsk.Price.Value);
                Assert.Equal(yesBid.Size, noAsk.Size);
                Assert.Equal(noBid.Size, yesAsk.Size);

                // With merge matching off, a YES sell at q and a NO sell at s with q + s ≤ 1 both rest; mirrored,
                // that is a crossed (or locked) book. It is the only way a book crosses: buys that sum to ≥ 1 mint.
                var asks = yesAsk.Price.Value + noAsk.Price.Value;
                cheapSets += asks < 1m ? 1 : 0;
                crossed += yes.IsCrossed ? 1 : 0;
                Assert.Equal(asks <= 1m, yes.IsCrossed);
                Assert.Equal(yes.IsCrossed, no.IsCrossed);
            }
        });
        var trades = h.MarketEvents.OfType<LastTradeEvent>().Count();
        var levels = h.MarketEvents.OfType<PriceChangeEvent>().Select(p => p.Price.Value).Distinct().Count();
        output.WriteLine($"steps {steps}, two-sided {twoSided}, asks < 1 in {cheapSets}, crossed or locked {crossed}, trades {trades}, distinct levels {levels}");

        Assert.True(twoSided >= steps * 0.9, $"two-sided only {twoSided} of {steps} steps");
        Assert.True(cheapSets >= 1, "YES ask + NO ask never dipped below 1");
        Assert.True(cheapSets <= steps * 0.2, $"asks below 1 in {cheapSets} of {steps} steps: arbitrage should be rare");
        Assert.True(trades >= 600, $"only {trades} trades in an hour");
        Assert.True(levels >= 30, "prices barely moved");
    }

    [Fact]
    public void AdvanceTo_OneHour_YesMidTracksFairValue()
    {
        var options = new SimulationOptions { Seed = 11 };
        var h = new ExchangeHarness(options);
        int steps = 0, samples = 0, near = 0;
        h.Run(TimeSpan.FromHours(1), () =>
        {
            var market = h.Exchange.ActiveMarkets.Single();
            if (++steps % 10 != 0 || h.Books[market.Yes].Mid is not { } mid)
            {
                return;
            }

            var fair = FairValue.ProbabilityUp(h.Exchange.ReferencePrice, market.Round!.StartPrice, options.AnnualizedVolatility, market.ClosesAt - h.Clock.GetUtcNow());
            samples++;
            near += Math.Abs(mid - (decimal)fair) <= 0.08m ? 1 : 0;
        });
        output.WriteLine($"{near} of {samples} mids within 0.08 of fair");

        Assert.True(samples >= 300, $"only {samples} samples with a YES mid");
        Assert.True(near >= samples * 0.8, $"{near} of {samples} mids near fair value");
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new SimulatedExchange(new SimulationOptions { Step = TimeSpan.Zero, TakerFeeRate = 2m }, TimeProvider.System));

        Assert.Contains("Step", error.Message, StringComparison.Ordinal);
        Assert.Contains("TakerFeeRate", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A consumer applying snapshot + deltas must see, for each token and side, the engine's own depth plus the
    /// complementary token's opposite side mirrored to 1 − p. Returns whether any mirrored level was present.
    /// </summary>
    private static bool AssertBooksMatchEngine(ExchangeHarness h, BinaryMarket market)
    {
        var mirrored = false;
        Span<BookLevel> actual = stackalloc BookLevel[128];
        foreach (var token in new[] { market.Yes, market.No })
        {
            foreach (var side in new[] { Side.Buy, Side.Sell })
            {
                var own = Depth(h.Exchange.Engine, market, token, side);
                var complement = Depth(h.Exchange.Engine, market, market.Complement(token), side.Opposite());
                var totals = new SortedDictionary<int, decimal>();
                foreach (var level in own)
                {
                    totals[level.Price.Units] = level.Size.Shares;
                }

                foreach (var level in complement)
                {
                    var units = Price.UnitsPerOne - level.Price.Units;
                    totals[units] = totals.GetValueOrDefault(units) + level.Size.Shares;
                }

                var expected = totals.Select(t => new BookLevel(Price.FromUnits(t.Key), Size.Of(t.Value)));
                expected = side == Side.Buy ? expected.Reverse() : expected;
                var m = h.Books[token].CopyDepth(side, actual);
                Assert.Equal(expected.ToArray(), actual[..m].ToArray());
                mirrored |= complement.Length > 0;
            }
        }

        return mirrored;
    }

    private static BookLevel[] Depth(MatchingEngine engine, BinaryMarket market, TokenId token, Side side)
    {
        Span<BookLevel> buffer = stackalloc BookLevel[128];
        var n = engine.CopyDepth(market.Condition, token, side, buffer);
        return buffer[..n].ToArray();
    }

    private static List<string> Run(SimulationOptions options, TimeSpan duration)
    {
        var h = new ExchangeHarness(options);
        h.Run(duration);
        return [.. h.MarketEvents.Select(EventText.Of)];
    }
}
