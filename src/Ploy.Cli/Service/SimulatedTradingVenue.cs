using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ploy.Core.MarketData;
using Ploy.Core.Venues;
using Ploy.Venues.Simulated;

namespace Ploy.Cli.Service;

/// <summary>
/// Paper mode: the in-process simulated exchange, advanced to the wall clock at every step. It has no socket, no
/// heartbeat and no quotas, so its transport counters honestly stay zero.
/// </summary>
internal sealed class SimulatedTradingVenue(SimulatedExchange simulation, TimeSpan step) : ITradingVenue
{
    public IVenue Venue => simulation.Venue;

    public ChannelReader<MarketDataEvent> MarketData => simulation.MarketData.Events;

    public ChannelReader<VenueEvent> VenueEvents => simulation.Venue.Events;

    public TimeSpan Step => step;

    public TimeSpan SettleTime => TimeSpan.Zero;

    public VenueSignals Signals => default;

    public Task ConnectAsync(ILoggerFactory loggers, CancellationToken cancellationToken) => Task.CompletedTask;

    public void BeforeReconcile() => simulation.Start();

    public Task AfterReconcileAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Advance(DateTimeOffset now) => simulation.AdvanceTo(now);

    /// <summary>The simulation publishes a resolution the moment it makes it: nothing to ask for.</summary>
    public Task PollResolutionsAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
