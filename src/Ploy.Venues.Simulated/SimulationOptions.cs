using Ploy.Core.Primitives;

namespace Ploy.Venues.Simulated;

/// <summary>
/// How the simulated venue behaves. The defaults make a lively 15-minute BTC up/down series: two liquidity
/// providers quoting three levels a side on both outcomes, and noise takers sending about one marketable order
/// every two seconds.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Seed of the only random source: the same seed (and the same trader actions) replays the same session.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Internal simulation step: reference ticks, quote refreshes and taker arrivals happen on it.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RoundLength { get; init; } = TimeSpan.FromMinutes(15);

    public string Series { get; init; } = "btc-updown-15m";

    public string ReferenceSymbol { get; init; } = "BTC";

    public decimal StartReferencePrice { get; init; } = 100_000m;

    /// <summary>
    /// Annualised volatility of the reference (geometric random walk). 0.8 is a lively crypto year (BTC has
    /// realised ~0.4–0.8): about 0.43% per 15 minutes, enough that rounds are not decided early.
    /// </summary>
    public double AnnualizedVolatility { get; init; } = 0.8;

    /// <summary>Starting pUSD of the account <see cref="SimulatedExchange.Venue"/> trades for.</summary>
    public decimal TraderStartingCash { get; init; } = 1_000m;

    /// <summary>Taker fee rate (fee = size × rate × p × (1 − p)); 0 like most Polymarket markets.</summary>
    public decimal TakerFeeRate { get; init; }

    /// <summary>The grid markets list with.</summary>
    public TickSize Tick { get; init; } = TickSize.Hundredth;

    /// <summary>
    /// The grid a market switches to while its price is near 0 or 1, and back from (<see cref="Matching.TickSizeRule"/>:
    /// best bid above 0.96 or best ask below 0.04), as Polymarket does. Null keeps every market on <see cref="Tick"/>.
    /// </summary>
    public TickSize? FineTick { get; init; } = TickSize.Thousandth;

    /// <summary>
    /// Whether sells also match resting sells of the complement (merge), as Polymarket's engine does. Off by
    /// default: with merging on, YES ask + NO ask can never be below 1 (such a pair would merge at once), so
    /// complete-set arbitrage — which the simulation is meant to offer when liquidity providers lag — could not
    /// exist. Minting (buy against buy) is always on, so YES bid + NO bid stays below 1.
    /// </summary>
    public bool MergeMatching { get; init; }

    /// <summary>Number of synthetic liquidity providers (each quotes both outcomes).</summary>
    public int LiquidityProviders { get; init; } = 2;

    /// <summary>Price levels each provider quotes per side and outcome.</summary>
    public int LiquidityLevels { get; init; } = 3;

    /// <summary>Half-spread of the tightest provider around fair value; each further provider adds one tick.</summary>
    public decimal LiquidityHalfSpread { get; init; } = 0.01m;

    /// <summary>Mean time between a provider's quote refreshes on one outcome (jittered ±50%).</summary>
    public TimeSpan LiquidityRefreshInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Chance per refresh that a provider stalls on one outcome for 10–40 s: its quotes go stale while the price
    /// moves, which is where momentum and complete-set arbitrage find their trades.
    /// </summary>
    public double LiquidityStallProbability { get; init; } = 0.01;

    /// <summary>Average marketable noise orders per minute per market.</summary>
    public double NoiseOrdersPerMinute { get; init; } = 30;

    /// <summary>Largest notional of a noise order in pUSD (sizes are uniform between 1 and this).</summary>
    public decimal NoiseMaxNotional { get; init; } = 40m;

    /// <summary>Throws when an option is out of range, naming every problem.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Step <= TimeSpan.Zero)
        {
            errors.Add("Step must be positive");
        }

        if (RoundLength < Step)
        {
            errors.Add("RoundLength must be at least one Step");
        }

        if (StartReferencePrice <= 0m)
        {
            errors.Add("StartReferencePrice must be positive");
        }

        if (AnnualizedVolatility is <= 0 or > 10)
        {
            errors.Add("AnnualizedVolatility must lie in (0, 10]");
        }

        if (TraderStartingCash < 0m)
        {
            errors.Add("TraderStartingCash must not be negative");
        }

        if (TakerFeeRate is < 0m or > 1m)
        {
            errors.Add("TakerFeeRate must lie in [0, 1]");
        }

        if (FineTick is { } fine && fine.Value >= Tick.Value)
        {
            errors.Add("FineTick must be finer than Tick");
        }

        if (LiquidityProviders < 0 || LiquidityLevels < 1 || LiquidityHalfSpread <= 0m)
        {
            errors.Add("LiquidityProviders ≥ 0, LiquidityLevels ≥ 1 and LiquidityHalfSpread > 0 are required");
        }

        if (NoiseOrdersPerMinute < 0 || NoiseMaxNotional < 2m || LiquidityStallProbability is < 0 or > 1)
        {
            errors.Add("NoiseOrdersPerMinute ≥ 0, NoiseMaxNotional ≥ 2 and LiquidityStallProbability in [0, 1] are required");
        }

        if (string.IsNullOrWhiteSpace(Series) || string.IsNullOrWhiteSpace(ReferenceSymbol))
        {
            errors.Add("Series and ReferenceSymbol are required");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid simulation options: " + string.Join("; ", errors));
        }
    }
}
