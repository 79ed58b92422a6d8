namespace Ploy.Venues.Simulated.Synthetic;

/// <summary>
/// The reference (index) price as a driftless geometric random walk: each step multiplies it by
/// exp(σ√Δt·Z − σ²Δt/2), with σ annualised and Δt in years.
/// </summary>
internal sealed class ReferencePriceProcess
{
    private const double SecondsPerYear = 365.25 * 24 * 3600;
    private readonly SeededRandom _random;
    private readonly double _sigmaStep;
    private double _price;

    public ReferencePriceProcess(decimal start, double annualizedVolatility, TimeSpan step, SeededRandom random)
    {
        _random = random;
        _price = (double)start;
        _sigmaStep = annualizedVolatility * Math.Sqrt(step.TotalSeconds / SecondsPerYear);
        Price = start;
    }

    /// <summary>The current price, to the cent (as an index feed publishes it).</summary>
    public decimal Price { get; private set; }

    public decimal Next()
    {
        _price *= Math.Exp((_sigmaStep * _random.Gaussian()) - (0.5 * _sigmaStep * _sigmaStep));
        Price = decimal.Round((decimal)_price, 2, MidpointRounding.AwayFromZero);
        return Price;
    }
}
