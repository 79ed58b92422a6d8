namespace Ploy.Strategies.Momentum;

/// <summary>
/// The fair probability that a round ends up: P(S_T > S0) = Φ(ln(S/S0) / (σ√τ)) for a driftless log-normal
/// price with annualised volatility σ and τ years left.
/// </summary>
public static class MomentumFairValue
{
    private const double SecondsPerYear = 365.0 * 24 * 3600;

    public static decimal ProbabilityUp(decimal price, decimal startPrice, decimal annualizedVolatility, TimeSpan timeLeft)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(startPrice);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(annualizedVolatility);
        if (timeLeft <= TimeSpan.Zero)
        {
            return price > startPrice ? 1m : 0m;
        }

        // ln, √ and Φ have no decimal implementation; the estimate is rounded back to a decimal at once.
        var sigmaRootTau = (double)annualizedVolatility * Math.Sqrt(timeLeft.TotalSeconds / SecondsPerYear);
        var z = Math.Log((double)price / (double)startPrice) / sigmaRootTau;
        return decimal.Round((decimal)NormalCdf(z), 6);
    }

    /// <summary>Standard normal CDF (Abramowitz–Stegun 7.1.26 for erf; absolute error below 1.5e-7).</summary>
    public static double NormalCdf(double z)
    {
        if (double.IsNaN(z))
        {
            return 0.5;
        }

        var x = Math.Abs(z) / Math.Sqrt(2.0);
        var t = 1.0 / (1.0 + (0.3275911 * x));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        var erf = 1.0 - (poly * Math.Exp(-x * x));
        var cdf = 0.5 * (1.0 + erf);
        return z >= 0 ? cdf : 1.0 - cdf;
    }
}
