using System.Threading.Channels;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Cli.Service;
using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Strategies;
using Ploy.Core.Venues;
using Ploy.Persistence.Sqlite;
using Ploy.Strategies;
using Ploy.Venues.Simulated;

namespace Ploy.Cli.Tests.Service;

/// <summary>
/// The trading loop of <c>ploy run</c> in-process, with a real SQLite journal and the simulated venue, but a market-data
/// channel the test writes to (the one seam it cannot otherwise reach) and a step of an hour: anything a strategy sees
/// here after start-up, it saw between ticks.
/// </summary>
public sealed class TradingDriverTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _root = Directory.CreateTempSubdirectory("ploy-driver-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task MarketData_ArrivingBetweenTicks_ReachesTheStrategiesAtOnce_NotAtTheNextTick()
    {
        await using var loop = await RunningLoop.StartAsync(_root);
        var source = loop.Source;
        await source.FirstTick.Task.WaitAsync(Patience);
        var now = TimeProvider.System.GetUtcNow();
        var market = new BinaryMarket(new ConditionId("0xbetween"), new TokenId("between-yes"), new TokenId("between-no"), TickSize.Hundredth,
            Size.Of(5), "Listed between ticks?", now, now.AddMinutes(15));
        await source.Feed.Writer.WriteAsync(new MarketListedEvent(market, now));

        var seen = await loop.Strategy.Listed.Task.WaitAsync(Patience);

        Assert.Equal(market.Condition, seen.Condition);
        Assert.Equal(1, source.Ticks); // still the start-up tick: the next one is an hour away
        Assert.False(loop.Driver.Faulted);
    }

    [Fact]
    public async Task BooksTrustedBetweenTicks_ShowInThePublishedView_EvenRightAfterAnotherPublish()
    {
        await using var loop = await RunningLoop.StartAsync(_root);
        var source = loop.Source;
        await source.FirstTick.Task.WaitAsync(Patience);
        await Task.Delay(TimeSpan.FromMilliseconds(150)); // past the start-up tick's publish: the listing publishes at once
        var now = TimeProvider.System.GetUtcNow();
        var market = new BinaryMarket(new ConditionId("0xview"), new TokenId("view-yes"), new TokenId("view-no"), TickSize.Hundredth,
            Size.Of(5), "Trusted between ticks?", now, now.AddMinutes(15));
        await source.Feed.Writer.WriteAsync(new MarketListedEvent(market, now));
        await loop.Strategy.Listed.Task.WaitAsync(Patience);
        Assert.False(loop.Runtime.View.BooksTrusted);

        // Straight after that publish: this change is held back by the publish interval and must still come out
        // within it, not at the next tick an hour away.
        BookLevel[] bids = [new(Price.Of(0.48m), Size.Of(100))];
        BookLevel[] asks = [new(Price.Of(0.52m), Size.Of(100))];
        await source.Feed.Writer.WriteAsync(new BookSnapshotEvent(market.Yes, bids, asks, null, now));
        await source.Feed.Writer.WriteAsync(new BookSnapshotEvent(market.No, bids, asks, null, now));
        await Eventually.TrueAsync(() => Task.FromResult(loop.Runtime.View.BooksTrusted), Patience, "the books never showed as trusted");

        Assert.Equal(1, source.Ticks);
        Assert.Equal(1, loop.Runtime.View.Ticks);
    }

    [Fact]
    public async Task Stop_BooksAResolutionTheVenueReportsOnlyWhenAsked_InTheLastCheckpoint()
    {
        var loop = await RunningLoop.StartAsync(_root);
        var source = loop.Source;
        var gateway = loop.Runtime.Gateway;
        BinaryMarket market;
        decimal shares;
        decimal cash;
        await using (loop)
        {
            await source.FirstTick.Task.WaitAsync(Patience);
            market = source.Simulation.ActiveMarkets.First();
            await source.ForwardSimulationMarketDataAsync();
            await Eventually.TrueAsync(() => Task.FromResult(loop.Runtime.View.BooksTrusted), Patience, "the simulation's books never became trusted");

            // A position in the market: a buy at the simulation's best ask fills at once.
            var ask = source.Simulation.Engine.BestAsk(market.Condition, market.Yes)!.Value;
            var order = await gateway.SubmitAsync(new ClientOrderId("driver-buy-1"),
                new OrderIntent(new StrategyId("recorder"), market.Condition, market.Yes, Side.Buy, ask.Price, Size.Of(5m), OrderType.Gtc), CancellationToken.None);
            Assert.NotNull(order.VenueId);
            await Eventually.TrueAsync(
                async () => await gateway.ReadAsync(g => g.Ledger.Snapshot(DateTimeOffset.UnixEpoch).Positions.Any(p => p.Token == market.Yes && p.Shares > 0m), CancellationToken.None),
                Patience,
                "the buy never filled into a position");
            var before = await gateway.ReadAsync(g => g.Ledger.Snapshot(DateTimeOffset.UnixEpoch), CancellationToken.None);
            shares = before.Positions.Where(p => p.Token == market.Yes).Sum(p => p.Shares);
            cash = before.Cash;

            // The venue has resolved the market, but a polled venue tells only when asked; the loop will not ask again.
            source.ResolveWhenAsked(new MarketResolution(market.Condition, Outcome.Yes, TimeProvider.System.GetUtcNow()));
        }

        Assert.True(source.AskedForResolutions);
        await using var journal = new SqliteJournal(Path.Combine(_root, "ploy.db"), TimeProvider.System);
        await journal.InitializeAsync(CancellationToken.None);
        var portfolio = (await journal.LoadAsync(CancellationToken.None)).Portfolio;
        Assert.NotNull(portfolio);
        Assert.DoesNotContain(portfolio.Positions, p => (p.Token == market.Yes || p.Token == market.No) && p.Shares != 0m);
        Assert.Equal(cash + shares, portfolio.Cash); // each winning share pays 1
    }

    /// <summary>The loop started on a fresh journal; disposing stops it as the host would.</summary>
    private sealed class RunningLoop : IAsyncDisposable
    {
        private readonly SqliteJournal _journal;

        private RunningLoop(SqliteJournal journal, HourlyVenue source, ListingRecorder strategy, TradingRuntime runtime, TradingDriver driver)
        {
            _journal = journal;
            Source = source;
            Strategy = strategy;
            Runtime = runtime;
            Driver = driver;
        }

        public HourlyVenue Source { get; }

        public ListingRecorder Strategy { get; }

        public TradingRuntime Runtime { get; }

        public TradingDriver Driver { get; }

        public static async Task<RunningLoop> StartAsync(string root)
        {
            var time = TimeProvider.System;
            var settings = new ServiceSettings();
            var journal = new SqliteJournal(Path.Combine(root, "ploy.db"), time);
            await journal.InitializeAsync(CancellationToken.None);
            var snapshot = await journal.LoadAsync(CancellationToken.None);
            var source = new HourlyVenue(new SimulatedExchange(settings.Simulation, time));
            var strategy = new ListingRecorder();
            var runtime = new TradingRuntime(settings, source, source.Venue, journal, snapshot, [strategy], time, NullLoggerFactory.Instance);
            var driver = new TradingDriver(runtime, time, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), NullLogger<TradingDriver>.Instance);
            await driver.StartAsync(CancellationToken.None);
            return new RunningLoop(journal, source, strategy, runtime, driver);
        }

        public async ValueTask DisposeAsync()
        {
            await Driver.StopAsync(CancellationToken.None);
            Driver.Dispose();
            Runtime.Dispose();
            await _journal.DisposeAsync();
        }
    }

    /// <summary>The simulated venue for orders and reconciliation; market data comes from the test; one tick an hour.</summary>
    private sealed class HourlyVenue(SimulatedExchange simulation) : ITradingVenue
    {
        private int _ticks;
        private MarketResolution? _resolution;

        public Channel<MarketDataEvent> Feed { get; } = Channel.CreateUnbounded<MarketDataEvent>();

        public TaskCompletionSource FirstTick { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Ticks => Volatile.Read(ref _ticks);

        public SimulatedExchange Simulation => simulation;

        public bool AskedForResolutions { get; private set; }

        public IVenue Venue => simulation.Venue;

        public ChannelReader<MarketDataEvent> MarketData => Feed.Reader;

        public ChannelReader<VenueEvent> VenueEvents => simulation.Venue.Events;

        public TimeSpan Step => TimeSpan.FromHours(1);

        public TimeSpan SettleTime => TimeSpan.Zero;

        public VenueSignals Signals => default;

        public Task ConnectAsync(ILoggerFactory loggers, CancellationToken cancellationToken) => Task.CompletedTask;

        public void BeforeReconcile() => simulation.Start();

        public Task AfterReconcileAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Advance(DateTimeOffset now)
        {
            Interlocked.Increment(ref _ticks);
            FirstTick.TrySetResult();
        }

        public async Task PollResolutionsAsync(CancellationToken cancellationToken)
        {
            AskedForResolutions = true;
            if (_resolution is { } resolution)
            {
                await Feed.Writer.WriteAsync(new MarketResolvedEvent(resolution), cancellationToken);
            }
        }

        /// <summary>What the simulation has published so far (its listings and books) goes to the loop.</summary>
        public async Task ForwardSimulationMarketDataAsync()
        {
            while (simulation.MarketData.Events.TryRead(out var marketData))
            {
                await Feed.Writer.WriteAsync(marketData);
            }
        }

        /// <summary>The next <see cref="PollResolutionsAsync"/> reports <paramref name="resolution"/>.</summary>
        public void ResolveWhenAsked(MarketResolution resolution) => _resolution = resolution;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class ListingRecorder() : StrategyBase(new StrategyId("recorder"))
    {
        public TaskCompletionSource<BinaryMarket> Listed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void OnMarketListed(IStrategyContext context, BinaryMarket market) => Listed.TrySetResult(market);

        public override string Describe() => "records listings";
    }
}
