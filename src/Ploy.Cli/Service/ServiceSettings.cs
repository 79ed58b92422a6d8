using System.Globalization;
using Ploy.Execution.Engine;
using Ploy.Execution.Gateway;
using Ploy.Execution.Risk;
using Ploy.Hosting.Control;
using Ploy.Hosting.Health;
using Ploy.Hosting.Resilience;
using Ploy.Strategies;
using Ploy.Venues.Simulated;

namespace Ploy.Cli.Service;

/// <summary>Everything <c>ploy run</c> is configured with, one options class per section; built by <see cref="ServiceSettingsLoader"/>.</summary>
public sealed class ServiceSettings
{
    public const string ModeKey = "Mode";

    public TradingMode Mode { get; set; } = TradingMode.Paper;

    public ServiceOptions Service { get; } = new();

    public DatabaseOptions Database { get; } = new();

    public ControlApiOptions Control { get; } = new();

    public HealthOptions Health { get; } = new();

    public ResilientVenueOptions Resilience { get; } = new();

    public LoggingSettings Logging { get; } = new();

    public SecretsOptions Secrets { get; } = new();

    public PolymarketOptions Polymarket { get; } = new();

    public RiskOptions Risk { get; } = new();

    public EngineOptions Engine { get; } = new();

    public GatewayOptions Gateway { get; } = new();

    public SimulationOptions Simulation { get; set; } = new();

    public StrategiesOptions Strategies { get; } = new();

    /// <summary>Runs every validator; every problem names its full key. Empty when the configuration is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        problems.AddRange(Service.Validate());
        problems.AddRange(Database.Validate());
        problems.AddRange(Control.Validate("Control"));
        problems.AddRange(Resilience.Validate("Resilience"));
        problems.AddRange(Polymarket.Validate(Mode));
        problems.AddRange(Risk.Validate());
        problems.AddRange(Strategies.Validate());
        if (Health.ProbeTimeout <= TimeSpan.Zero)
        {
            problems.Add("Health:ProbeTimeout must be positive.");
        }

        ValidateEngine(problems);
        ValidateGateway(problems);
        try
        {
            Simulation.Validate();
            if (Simulation.Step < TimeSpan.FromMilliseconds(10))
            {
                problems.Add("Simulation:Step must be at least 00:00:00.01 in ploy run (the simulated venue advances in real time, one step per tick).");
            }
        }
        catch (ArgumentException ex)
        {
            problems.Add("Simulation: " + ex.Message);
        }

        return problems;
    }

    private void ValidateEngine(List<string> problems)
    {
        if (Engine.MaxBookAge <= TimeSpan.Zero)
        {
            problems.Add($"{EngineOptions.Section}:{nameof(EngineOptions.MaxBookAge)} must be positive.");
        }

        if (Engine.CheckpointInterval <= TimeSpan.Zero)
        {
            problems.Add($"{EngineOptions.Section}:{nameof(EngineOptions.CheckpointInterval)} must be positive.");
        }

        if (Engine.ResolveInterval <= TimeSpan.Zero)
        {
            problems.Add($"{EngineOptions.Section}:{nameof(EngineOptions.ResolveInterval)} must be positive.");
        }

        if (string.IsNullOrWhiteSpace(Engine.OrderIdPrefix) || Engine.OrderIdPrefix.Length > 16 || !Engine.OrderIdPrefix.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add($"{EngineOptions.Section}:{nameof(EngineOptions.OrderIdPrefix)} must be 1–16 ASCII letters or digits, was '{Engine.OrderIdPrefix}'.");
        }
    }

    private void ValidateGateway(List<string> problems)
    {
        if (Gateway.QueueCapacity is < 1 or > 1_000_000)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{GatewayOptions.Section}:{nameof(GatewayOptions.QueueCapacity)} must be between 1 and 1000000, was {Gateway.QueueCapacity}."));
        }

        if (Gateway.ResolveUnknownAfter <= TimeSpan.Zero)
        {
            problems.Add($"{GatewayOptions.Section}:{nameof(GatewayOptions.ResolveUnknownAfter)} must be positive.");
        }

        if (Gateway.NotFoundGrace < Gateway.ResolveUnknownAfter)
        {
            problems.Add($"{GatewayOptions.Section}:{nameof(GatewayOptions.NotFoundGrace)} must be at least {GatewayOptions.Section}:{nameof(GatewayOptions.ResolveUnknownAfter)}.");
        }

        if (Gateway.FencingEpoch < 0)
        {
            problems.Add($"{GatewayOptions.Section}:{nameof(GatewayOptions.FencingEpoch)} must not be negative.");
        }

        if (Gateway.KeepTerminalOrders < TimeSpan.Zero)
        {
            problems.Add($"{GatewayOptions.Section}:{nameof(GatewayOptions.KeepTerminalOrders)} must not be negative.");
        }
    }
}
