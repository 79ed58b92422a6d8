using System.Diagnostics.CodeAnalysis;

namespace Ploy.Venues.Simulated.Synthetic;

/// <summary>
/// The simulation's one source of randomness. A seeded <see cref="Random"/> on purpose: the same seed must replay
/// the same session, which a cryptographic generator cannot do; nothing here protects a secret.
/// </summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Simulation needs a seeded, reproducible PRNG; no security use.")]
internal sealed class SeededRandom(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => _random.NextDouble();

    /// <summary>Uniform integer in [min, max).</summary>
    public int Next(int min, int max) => _random.Next(min, max);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public double Uniform(double min, double max) => min + (_random.NextDouble() * (max - min));

    /// <summary>Standard normal by Box–Muller (one of the pair; simplicity over speed).</summary>
    public double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Poisson-distributed count with the given mean (Knuth; means here are small).</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        var limit = Math.Exp(-mean);
        var count = 0;
        var product = _random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= _random.NextDouble();
        }

        return count;
    }
}
