using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Primitives;
using Ploy.Core.Time;
using Ploy.Core.Venues;

namespace Ploy.Venues.Simulated.Tests;

/// <summary>Drives an exchange the way the paper driver does: advance the clock a step, AdvanceTo, drain.</summary>
internal sealed class ExchangeHarness
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public ExchangeHarness(SimulationOptions options)
    {
        Clock = new ManualTimeProvider(Start);
        Exchange = new SimulatedExchange(options, Clock);
        Exchange.Start();
        Drain();
    }

    public ManualTimeProvider Clock { get; }

    public SimulatedExchange Exchange { get; }

    public List<MarketDataEvent> MarketEvents { get; } = [];

    public List<VenueEvent> VenueEvents { get; } = [];

    /// <summary>Books rebuilt from market data alone, as a consumer would.</summary>
    public Dictionary<TokenId, OrderBook> Books { get; } = [];

    public void Step(Action? afterStep = null)
    {
        Clock.Advance(Exchange.Options.Step);
        Exchange.AdvanceTo(Clock.GetUtcNow());
        Drain();
        afterStep?.Invoke();
    }

    public void Run(TimeSpan duration, Action? afterStep = null)
    {
        var end = Clock.GetUtcNow() + duration;
        while (Clock.GetUtcNow() < end)
        {
            Step(afterStep);
        }
    }

    public void Drain()
    {
        while (Exchange.MarketData.Events.TryRead(out var e))
        {
            MarketEvents.Add(e);
            Apply(e);
        }

        while (Exchange.Venue.Events.TryRead(out var e))
        {
            VenueEvents.Add(e);
        }
    }

    private void Apply(MarketDataEvent e)
    {
        switch (e)
        {
            case BookSnapshotEvent s:
                var book = Books[s.Token] = new OrderBook(s.Token);
                book.ApplySnapshot([.. s.Bids], [.. s.Asks], s.At);
                break;
            case PriceChangeEvent p:
                Books[p.Token].ApplyDelta(p.Side, p.Price, p.Size, p.At);
                break;
            case MarketResolvedEvent:
                break;
        }
    }
}
