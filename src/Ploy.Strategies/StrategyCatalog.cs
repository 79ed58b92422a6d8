using Ploy.Core.Strategies;
using Ploy.Strategies.Arbitrage;
using Ploy.Strategies.MarketMaking;
using Ploy.Strategies.Momentum;

namespace Ploy.Strategies;

/// <summary>Builds the built-in strategies by name, for the CLI's composition root.</summary>
public static class StrategyCatalog
{
    public const string Momentum = MomentumStrategy.DefaultName;
    public const string Arbitrage = CompleteSetArbitrageStrategy.DefaultName;
    public const string MarketMaker = MarketMakerStrategy.DefaultName;

    public static IReadOnlyList<string> Names { get; } = [Momentum, Arbitrage, MarketMaker];

    /// <summary>Builds one strategy. Throws for an unknown name or invalid options.</summary>
    public static IStrategy Create(string name, StrategiesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return name switch
        {
            Momentum => new MomentumStrategy(options.Momentum),
            Arbitrage => new CompleteSetArbitrageStrategy(options.Arbitrage),
            MarketMaker => new MarketMakerStrategy(options.MarketMaker),
            _ => throw new ArgumentException($"Unknown strategy '{name}' (known: {string.Join(", ", Names)}).", nameof(name)),
        };
    }

    /// <summary>Builds every enabled strategy (all three with default options when none are given).</summary>
    public static IReadOnlyList<IStrategy> CreateEnabled(StrategiesOptions? options = null)
    {
        options ??= new StrategiesOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        return [.. options.EnabledNames.Select(name => Create(name, options))];
    }
}
