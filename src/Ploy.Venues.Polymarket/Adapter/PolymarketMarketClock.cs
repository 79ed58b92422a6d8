using Microsoft.Extensions.Logging;
using Ploy.Core.Time;
using Ploy.Venues.Polymarket.Http;

namespace Ploy.Venues.Polymarket.Adapter;

/// <summary>
/// Sets a <see cref="MarketClock"/> to the venue's time. Polymarket's markets run on the wall clock, which the machine's
/// already is (NTP), and it has no simulation clock: against any host but loopback the market clock stays the machine's. <c>ploy venue --speed N</c>
/// runs its markets on a simulated clock N times as fast; a client on the wall clock would see every round after the
/// first as not open yet, and never trade it.
/// </summary>
public static class PolymarketMarketClock
{
    /// <summary>Makes <paramref name="clock"/> follow the venue's simulated clock if it has one; true if it does.</summary>
    public static async Task<bool> FollowAsync(PolymarketClobClient client, MarketClock clock, TimeProvider machine, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(machine);
        if (!client.BaseAddress.IsLoopback)
        {
            // ploy venue listens on loopback only; Polymarket itself is not asked for a route it does not have.
            return false;
        }

        var read = await client.GetSimulationClockAsync(cancellationToken);
        if (!read.IsSuccess)
        {
            // Not fatal: the market times are then read on this machine's clock, as against Polymarket.
            Log.SimulationClockUnreadable(logger, $"{read.Error.Kind}: {read.Error.Message}");
            return false;
        }

        if (read.Value is not { } simulation)
        {
            return false;
        }

        if (!MarketClock.IsValidSpeed(simulation.Speed))
        {
            Log.SimulationClockUnreadable(logger, $"speed {simulation.Speed} is not a positive number");
            return false;
        }

        clock.Follow(simulation.Now, simulation.Speed);
        var ahead = simulation.Now - machine.GetUtcNow();
        Log.FollowingSimulationClock(logger, simulation.Speed, simulation.Now, ahead.TotalSeconds);
        return true;
    }
}
