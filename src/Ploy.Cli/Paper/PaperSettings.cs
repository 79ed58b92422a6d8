using Ploy.Execution.Engine;
using Ploy.Execution.Gateway;
using Ploy.Execution.Risk;
using Ploy.Strategies;
using Ploy.Venues.Simulated;

namespace Ploy.Cli.Paper;

/// <summary>Everything a paper session needs, with built-in defaults (no config file required).</summary>
public sealed class PaperSettings
{
    /// <summary>Simulated time starts here in every session, so a seed always replays the same market.</summary>
    public static readonly DateTimeOffset SimulationEpoch = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public int Seed { get; set; } = 1;

    /// <summary>Wall-clock length of the session; null runs until Ctrl-C.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Simulated seconds per wall-clock second.</summary>
    public double Speed { get; set; } = 60;

    /// <summary>Run the same simulated span as fast as the machine allows, without pacing.</summary>
    public bool Fast { get; set; }

    public string DataDirectory { get; set; } = "data";

    public string? SummaryJsonPath { get; set; }

    public RiskOptions Risk { get; set; } = new();

    public EngineOptions Engine { get; set; } = new();

    public GatewayOptions Gateway { get; set; } = new();

    public SimulationOptions Simulation { get; set; } = new();

    public StrategiesOptions Strategies { get; set; } = new();

    public string JournalPath => Path.Combine(DataDirectory, "ploy.db");

    /// <summary>The simulated span the session covers, or null when it runs until stopped.</summary>
    public TimeSpan? SimulatedSpan => Duration is { } d ? TimeSpan.FromSeconds(Math.Round(d.TotalSeconds * Speed)) : null;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Speed <= 0 || double.IsNaN(Speed) || double.IsInfinity(Speed))
        {
            problems.Add("Paper:Speed must be a positive number of simulated seconds per second.");
        }

        if (Fast && Duration is null)
        {
            problems.Add("Paper:Fast needs a duration (--duration): an unpaced session must end by itself.");
        }

        problems.AddRange(Risk.Validate());
        problems.AddRange(Strategies.Validate());
        return problems;
    }
}
