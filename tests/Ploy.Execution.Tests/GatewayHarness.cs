using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.Books;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Time;
using Ploy.Execution.Accounting;
using Ploy.Execution.Diagnostics;
using Ploy.Execution.Engine;
using Ploy.Execution.Gateway;
using Ploy.Execution.Risk;
using Ploy.Execution.Safety;
using Ploy.Execution.Tests.Fakes;

namespace Ploy.Execution.Tests;

/// <summary>A running gateway over a scripted venue and an in-memory journal, with one open market.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _ids;

    public GatewayHarness(InMemoryJournal? journal = null, ScriptedVenue? venue = null, RiskOptions? risk = null, GatewayOptions? options = null, bool reconcile = true)
    {
        Journal = journal ?? new InMemoryJournal();
        Venue = venue ?? new ScriptedVenue();
        Market = new BinaryMarket(new ConditionId("0xc1"), new TokenId("yes"), new TokenId("no"), TickSize.Hundredth, Size.Of(5),
            "Up?", Start, Start.AddMinutes(15));
        Markets.List(Market);
        var book = (OrderBook)Markets.Book(Market.Yes)!;
        book.ApplySnapshot([new BookLevel(Price.Of(0.48m), Size.Of(100))], [new BookLevel(Price.Of(0.52m), Size.Of(100))], Start);
        var noBook = (OrderBook)Markets.Book(Market.No)!;
        noBook.ApplySnapshot([new BookLevel(Price.Of(0.48m), Size.Of(100))], [new BookLevel(Price.Of(0.52m), Size.Of(100))], Start);
        var snapshot = Journal.LoadAsync(CancellationToken.None).GetAwaiter().GetResult();
        KillSwitch = new KillSwitch(snapshot.KillSwitch, Start);
        Ledger = new AccountLedger(0m, DateOnly.FromDateTime(Start.UtcDateTime));
        Gateway = new OrderGateway(Venue, Journal, new RiskGate(risk ?? new RiskOptions()), KillSwitch, Ledger, Markets, Clock,
            NullLogger.Instance, Metrics, options ?? new GatewayOptions());
        _loop = Task.Run(() => Gateway.RunAsync(_stop.Token));
        if (reconcile)
        {
            // As every start does: settle the journal against the venue before anything trades.
            var report = Gateway.ReconcileAsync(snapshot, CancellationToken.None).GetAwaiter().GetResult();
            StartReport = report;
        }
    }

    public Reconciliation.ReconciliationReport? StartReport { get; }

    public ManualTimeProvider Clock { get; } = new(Start);

    public InMemoryJournal Journal { get; }

    public ScriptedVenue Venue { get; }

    public MarketState Markets { get; } = new();

    public BinaryMarket Market { get; }

    public KillSwitch KillSwitch { get; }

    public AccountLedger Ledger { get; }

    public ExecutionMetrics Metrics { get; } = new();

    public OrderGateway Gateway { get; }

    /// <summary>A market clock on <see cref="Clock"/> that follows a venue whose time is <see cref="Start"/> now and runs <paramref name="speed"/> times as fast.</summary>
    public MarketClock SpedUpVenueClock(double speed)
    {
        var market = new MarketClock(Clock);
        market.Follow(Start, speed);
        return market;
    }

    public OrderIntent Buy(decimal price = 0.50m, decimal size = 10m, OrderType type = OrderType.Gtc, TokenId? token = null) =>
        new(new StrategyId("test"), Market.Condition, token ?? Market.Yes, Side.Buy, Price.Of(price), Size.Of(size), type);

    public OrderIntent Sell(decimal price = 0.50m, decimal size = 10m, TokenId? token = null) =>
        new(new StrategyId("test"), Market.Condition, token ?? Market.Yes, Side.Sell, Price.Of(price), Size.Of(size));

    public Task<Order> SubmitAsync(OrderIntent intent) =>
        Gateway.SubmitAsync(new ClientOrderId($"o{++_ids}"), intent, CancellationToken.None);

    /// <summary>Hands every event the venue published to the gateway.</summary>
    public async Task PumpAsync()
    {
        while (Venue.Events.TryRead(out var venueEvent))
        {
            await Gateway.ApplyVenueEventAsync(venueEvent, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Complete();
        await _loop;
        _stop.Dispose();
        Metrics.Dispose();
    }
}
