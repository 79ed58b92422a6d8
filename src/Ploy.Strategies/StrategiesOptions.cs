using Ploy.Strategies.Arbitrage;
using Ploy.Strategies.MarketMaking;
using Ploy.Strategies.Momentum;

namespace Ploy.Strategies;

/// <summary>The <c>Strategies</c> configuration section: which strategies run and their options.</summary>
public sealed class StrategiesOptions
{
    public const string SectionName = "Strategies";

    /// <summary>
    /// Names (see <see cref="StrategyCatalog.Names"/>) of the strategies to run; null runs all of them. Null
    /// rather than a pre-filled list because the configuration binder appends to a list it finds.
    /// </summary>
    public IList<string>? Enabled { get; init; }

    /// <summary>The strategies to run: <see cref="Enabled"/>, or all when it is not set.</summary>
    public IReadOnlyList<string> EnabledNames => Enabled is null ? StrategyCatalog.Names : [.. Enabled.Distinct(StringComparer.Ordinal)];

    public MomentumOptions Momentum { get; init; } = new();

    public CompleteSetArbitrageOptions Arbitrage { get; init; } = new();

    public MarketMakerOptions MarketMaker { get; init; } = new();

    /// <summary>Every problem, each naming its full key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var name in EnabledNames)
        {
            if (!StrategyCatalog.Names.Contains(name, StringComparer.Ordinal))
            {
                problems.Add($"{SectionName}:Enabled contains unknown strategy '{name}' (known: {string.Join(", ", StrategyCatalog.Names)})");
            }
        }

        problems.AddRange(Momentum.Validate());
        problems.AddRange(Arbitrage.Validate());
        problems.AddRange(MarketMaker.Validate());
        return problems;
    }
}
