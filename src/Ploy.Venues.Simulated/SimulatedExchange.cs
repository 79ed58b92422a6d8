using System.Globalization;
using Ploy.Core.MarketData;
using Ploy.Core.Markets;
using Ploy.Core.Venues;
using Ploy.Venues.Simulated.Ledger;
using Ploy.Venues.Simulated.Matching;
using Ploy.Venues.Simulated.Synthetic;

namespace Ploy.Venues.Simulated;

/// <summary>
/// A deterministic, in-process Polymarket: a matching engine with complementary books and a ledger, a recurring
/// series of "up or down" round markets on a random-walk reference price, and synthetic liquidity providers and
/// noise takers trading them. Time moves only through <see cref="AdvanceTo"/>, in fixed steps; all randomness
/// comes from the seed, so the same seed and the same trader actions replay the same events. At the end of each step a
/// market whose price reached the extremes changes tick size (<see cref="TickSizeRule"/>): the feed publishes a
/// <see cref="TickSizeChangeEvent"/> for both tokens followed by fresh snapshots, and the engine refuses orders off
/// the new grid.
/// </summary>
public sealed class SimulatedExchange
{
    private readonly TimeProvider _clock;
    private readonly SimulatedMarketDataFeed _feed = new();
    private readonly SimulatedVenue _venue;
    private readonly ReferencePriceProcess _reference;
    private readonly List<LiquidityProvider> _providers = [];
    private readonly NoiseTaker _taker;
    private readonly List<BinaryMarket> _active = [];
    private readonly List<MarketResolution> _resolutions = [];
    private readonly TickSizeRule? _tickRule;
    private DateTimeOffset _nextStep;
    private bool _started;

    public SimulatedExchange(SimulationOptions options, TimeProvider clock)
    {
        options.Validate();
        Options = options;
        _clock = clock;
        var random = new SeededRandom(options.Seed);
        Ledger = new VenueLedger();
        var router = new ExchangeEventRouter(_feed);
        Engine = new MatchingEngine(Ledger, new MatchingEngineOptions
        {
            TakerFeeRate = options.TakerFeeRate,
            MergeMatching = options.MergeMatching,
            FinestTick = options.FineTick,
        }, router);
        _tickRule = options.FineTick is { } fine ? new TickSizeRule(options.Tick, fine) : null;
        _venue = new SimulatedVenue(this, TraderAccount, clock);
        router.Venue = _venue;
        Ledger.Deposit(TraderAccount, options.TraderStartingCash);
        _reference = new ReferencePriceProcess(options.StartReferencePrice, options.AnnualizedVolatility, options.Step, random);
        var context = new SyntheticContext(Engine, random, options, FlushBooks);
        for (var i = 0; i < options.LiquidityProviders; i++)
        {
            _providers.Add(new LiquidityProvider(new AccountId(string.Create(CultureInfo.InvariantCulture, $"lp-{i + 1}")), i, context));
        }

        _taker = new NoiseTaker(new AccountId("noise-1"), context);
    }

    /// <summary>The account <see cref="Venue"/> trades for.</summary>
    public static AccountId TraderAccount { get; } = new("trader");

    public SimulationOptions Options { get; }

    /// <summary>Our trader account's view (Core's venue port).</summary>
    public IVenue Venue => _venue;

    /// <summary>
    /// Market data of all markets (subscriptions do not filter). Each token's book includes its complement's orders
    /// mirrored (opposite side, 1 − p), as on Polymarket; see <see cref="SimulatedMarketDataFeed"/>.
    /// </summary>
    public IMarketDataFeed MarketData => _feed;

    /// <summary>The engine, for tests and tools; callers must not use it concurrently with the exchange.</summary>
    public MatchingEngine Engine { get; }

    /// <summary>Every account's cash and tokens, collateral and fees.</summary>
    public VenueLedger Ledger { get; }

    /// <summary>Serialises the exchange's work between the driver's <see cref="AdvanceTo"/> and the gateway's calls.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>Markets open for trading now (listed, not yet resolved).</summary>
    public IReadOnlyCollection<BinaryMarket> ActiveMarkets
    {
        get
        {
            lock (Gate)
            {
                return [.. _active];
            }
        }
    }

    /// <summary>The current reference price.</summary>
    public decimal ReferencePrice => _reference.Price;

    /// <summary>Resolutions so far, oldest first.</summary>
    public IReadOnlyList<MarketResolution> Resolutions => _resolutions;

    /// <summary>Lists the first round at the clock's current time.</summary>
    public void Start()
    {
        lock (Gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("The exchange is already started.");
            }

            _started = true;
            var now = _clock.GetUtcNow();
            _nextStep = now + Options.Step;
            _feed.Publish(new ReferencePriceEvent(Options.ReferenceSymbol, _reference.Price, now));
            List(now);
        }
    }

    /// <summary>
    /// Runs every internal step due up to <paramref name="until"/>: reference tick, GTD expiry, round resolution and
    /// roll-over, liquidity refresh, noise orders. Events are on the channels when it returns.
    /// </summary>
    public void AdvanceTo(DateTimeOffset until)
    {
        lock (Gate)
        {
            if (!_started)
            {
                throw new InvalidOperationException("Start the exchange first.");
            }

            while (_nextStep <= until)
            {
                RunStep(_nextStep);
                _nextStep += Options.Step;
            }
        }
    }

    /// <summary>The venue's view of our account: cash (reserved included) and tokens.</summary>
    public VenueBalances TraderLedger()
    {
        lock (Gate)
        {
            return Ledger.Balances(TraderAccount);
        }
    }

    internal void FlushBooks(DateTimeOffset at) => _feed.Flush(at);

    private void RunStep(DateTimeOffset now)
    {
        _feed.Publish(new ReferencePriceEvent(Options.ReferenceSymbol, _reference.Next(), now));
        Engine.ExpireDue(now);
        FlushBooks(now);
        if (_active.Count > 0 && now >= _active[0].ClosesAt)
        {
            Resolve(_active[0], now);
            List(now);
        }

        foreach (var market in _active)
        {
            foreach (var provider in _providers)
            {
                provider.Step(market, Fair(market, now), now);
            }

            _taker.Step(market, now);
        }

        ApplyTickRule(now);
    }

    /// <summary>Moves each active market to the grid its price calls for; publishes the change and fresh books.</summary>
    private void ApplyTickRule(DateTimeOffset now)
    {
        if (_tickRule is null)
        {
            return;
        }

        for (var i = 0; i < _active.Count; i++)
        {
            var market = _active[i];
            var tick = _tickRule.TickFor(PublishedBestBid(market), PublishedBestAsk(market));
            if (tick == market.Tick)
            {
                continue;
            }

            var changed = Engine.ChangeTick(market.Condition, tick);
            _active[i] = changed;
            FlushBooks(now);
            _feed.Publish(new TickSizeChangeEvent(market.Yes, market.Tick, tick, now));
            _feed.Publish(new TickSizeChangeEvent(market.No, market.Tick, tick, now));

            // Venue quirk: levels on the old grid are void after a change (venue-and-users.md); a fresh book follows.
            _feed.Snapshot(Engine, changed, now);
        }
    }

    /// <summary>The YES book's best bid as published: its own or a NO ask mirrored (1 − q).</summary>
    private decimal? PublishedBestBid(BinaryMarket market)
    {
        var own = Engine.BestBid(market.Condition, market.Yes)?.Price.Value;
        var mirrored = 1m - Engine.BestAsk(market.Condition, market.No)?.Price.Value;
        return own is null ? mirrored : mirrored is null ? own : Math.Max(own.Value, mirrored.Value);
    }

    /// <summary>The YES book's best ask as published: its own or a NO bid mirrored (1 − p).</summary>
    private decimal? PublishedBestAsk(BinaryMarket market)
    {
        var own = Engine.BestAsk(market.Condition, market.Yes)?.Price.Value;
        var mirrored = 1m - Engine.BestBid(market.Condition, market.No)?.Price.Value;
        return own is null ? mirrored : mirrored is null ? own : Math.Min(own.Value, mirrored.Value);
    }

    private double Fair(BinaryMarket market, DateTimeOffset now) =>
        FairValue.ProbabilityUp(_reference.Price, market.Round!.StartPrice, Options.AnnualizedVolatility, market.ClosesAt - now);

    private void List(DateTimeOffset now)
    {
        var market = RoundFactory.Create(Options, now, _reference.Price);
        Engine.AddMarket(market);
        _feed.Register(market);
        _active.Add(market);
        _feed.Publish(new MarketListedEvent(market, now));
        _feed.Snapshot(Engine, market, now);
        _taker.OnListed(market);
        foreach (var provider in _providers)
        {
            // Makers quote as soon as the round lists, so its first step already has a two-sided book.
            provider.OnListed(market, now);
            provider.Step(market, Fair(market, now), now);
        }
    }

    private void Resolve(BinaryMarket market, DateTimeOffset now)
    {
        // Core's RoundInfo: YES ("up") wins only when the end price is strictly above the start.
        var winner = _reference.Price > market.Round!.StartPrice ? Outcome.Yes : Outcome.No;
        Engine.Resolve(market.Condition, winner, now);
        FlushBooks(now);

        // After the flush: the cancels above were still published (mirrored), which needs the token pair.
        _feed.Forget(market);
        _active.Remove(market);
        var resolution = new MarketResolution(market.Condition, winner, now);
        _resolutions.Add(resolution);
        _feed.Publish(new MarketResolvedEvent(resolution));
    }
}
