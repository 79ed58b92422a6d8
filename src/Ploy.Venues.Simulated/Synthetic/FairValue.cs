namespace Ploy.Venues.Simulated.Synthetic;

/// <summary>What a round's YES ("up") is worth: P(S_T > S_0) under the random walk, Φ(ln(S/S₀) / (σ√τ)).</summary>
public static class FairValue
{
    private const double SecondsPerYear = 365.25 * 24 * 3600;

    /// <summary>Probability that the reference ends above <paramref name="start"/> with <paramref name="remaining"/> to go.</summary>
    public static double ProbabilityUp(decimal current, decimal start, double annualizedVolatility, TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero)
        {
            return current > start ? 1.0 : 0.0;
        }

        var sigma = annualizedVolatility * Math.Sqrt(remaining.TotalSeconds / SecondsPerYear);
        return NormalCdf(Math.Log((double)current / (double)start) / sigma);
    }

    /// <summary>Φ(x) from the Abramowitz–Stegun 7.1.26 erf approximation (error &lt; 1.5e-7, plenty for quoting).</summary>
    public static double NormalCdf(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2.0);
        var t = 1.0 / (1.0 + (0.3275911 * z));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        var erf = 1.0 - (poly * Math.Exp(-z * z));
        return x >= 0 ? 0.5 * (1.0 + erf) : 0.5 * (1.0 - erf);
    }
}
