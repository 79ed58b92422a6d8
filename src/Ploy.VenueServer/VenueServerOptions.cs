using Ploy.Venues.Polymarket.Signing;
using Ploy.Venues.Simulated;

namespace Ploy.VenueServer;

/// <summary>How <c>ploy venue</c> runs: where it listens, how the simulation moves, and the venue rules it enforces.</summary>
public sealed record VenueServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 8090;

    /// <summary>The simulated exchange (seed, rounds, liquidity).</summary>
    public SimulationOptions Simulation { get; init; } = new() { TraderStartingCash = 0m };

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>Whether a background loop advances the simulation in real time × <see cref="Speed"/>; tests pump by hand.</summary>
    public bool AutoAdvance { get; init; } = true;

    /// <summary>How often the background loop advances the simulation and checks heartbeats.</summary>
    public TimeSpan PumpInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Bearer token of the <c>/admin/*</c> endpoints; null or empty disables them.</summary>
    public string? AdminToken { get; init; }

    /// <summary>EIP-712 chain id orders and L1 signatures must be signed for (137 or 80002).</summary>
    public int ChainId { get; init; } = PolymarketContracts.Polygon;

    /// <summary>pUSD every new account (API key holder or order maker) is funded with.</summary>
    public decimal StartingCash { get; init; } = 10_000m;

    /// <summary>Complete sets of every listed market each new account gets (so it can also sell); 0 = none.</summary>
    public decimal StartingSets { get; init; }

    /// <summary>How far an L2 <c>POLY_TIMESTAMP</c> may be from the server's clock.</summary>
    public TimeSpan L2Window { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How far an L1 <c>POLY_TIMESTAMP</c> may be from the server's clock.</summary>
    public TimeSpan L1Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Once heartbeats started, silence for this long cancels all of the key's orders.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Problems with the options, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535)
        {
            errors.Add("Venue:Port must lie in [0, 65535]");
        }

        if (Speed <= 0 || double.IsNaN(Speed) || double.IsInfinity(Speed))
        {
            errors.Add("Venue:Speed must be a positive number");
        }

        if (ChainId is not (PolymarketContracts.Polygon or PolymarketContracts.Amoy))
        {
            errors.Add("Venue:ChainId must be 137 or 80002");
        }

        if (StartingCash < 0m || StartingSets < 0m)
        {
            errors.Add("Venue:StartingCash and Venue:StartingSets must not be negative");
        }

        if (PumpInterval <= TimeSpan.Zero || L2Window <= TimeSpan.Zero || L1Window <= TimeSpan.Zero || HeartbeatTimeout <= TimeSpan.Zero)
        {
            errors.Add("Venue:PumpInterval, Venue:L1Window, Venue:L2Window and Venue:HeartbeatTimeout must be positive");
        }

        try
        {
            Simulation.Validate();
        }
        catch (ArgumentException ex)
        {
            errors.Add("Venue:Simulation: " + ex.Message);
        }

        return errors;
    }
}
