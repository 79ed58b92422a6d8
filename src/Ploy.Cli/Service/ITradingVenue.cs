using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ploy.Core.MarketData;
using Ploy.Core.Venues;

namespace Ploy.Cli.Service;

/// <summary>
/// Where <c>ploy run</c> trades: the venue and the market data it delivers, and what the trading loop does with them at
/// each step. Paper mode is the in-process simulated exchange (<see cref="SimulatedTradingVenue"/>); live mode is the
/// Polymarket adapter over HTTP and WebSocket (<see cref="PolymarketTradingVenue"/>).
/// </summary>
internal interface ITradingVenue : IAsyncDisposable
{
    /// <summary>The venue itself, before the circuit breakers are put around it. Valid after <see cref="ConnectAsync"/>.</summary>
    IVenue Venue { get; }

    ChannelReader<MarketDataEvent> MarketData { get; }

    ChannelReader<VenueEvent> VenueEvents { get; }

    /// <summary>
    /// How often the trading loop ticks: brings the venue to the clock and runs the engine's timer. Market data and
    /// account events that arrive between ticks are applied at once.
    /// </summary>
    TimeSpan Step { get; }

    /// <summary>How long shutdown keeps applying the venue's news after the last cancel (streamed venues report late).</summary>
    TimeSpan SettleTime { get; }

    /// <summary>Counters of the transport: reconnects, gaps, heartbeat failures, rate-limit waits (zero when there is none).</summary>
    VenueSignals Signals { get; }

    /// <summary>Signs in and loads what the venue lists; refuses (<see cref="ServiceStartException"/>) when it cannot.</summary>
    Task ConnectAsync(ILoggerFactory loggers, CancellationToken cancellationToken);

    /// <summary>Before start-up reconciliation: whatever must run for the venue to answer.</summary>
    void BeforeReconcile();

    /// <summary>After a successful reconciliation, before strategies run: start the market data.</summary>
    Task AfterReconcileAsync(CancellationToken cancellationToken);

    /// <summary>Every tick: bring the venue to <paramref name="now"/> (the simulation advances; a real venue needs nothing).</summary>
    void Advance(DateTimeOffset now);

    /// <summary>
    /// On shutdown, before the last checkpoint: asks the venue once more which markets it has resolved, so that they
    /// reach <see cref="MarketData"/> now rather than at the next poll, which will not come.
    /// </summary>
    Task PollResolutionsAsync(CancellationToken cancellationToken);
}
