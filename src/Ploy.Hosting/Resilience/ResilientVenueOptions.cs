namespace Ploy.Hosting.Resilience;

/// <summary>Circuit breaker and read-retry settings of <see cref="ResilientVenue"/> (config section "Resilience").</summary>
public sealed class ResilientVenueOptions
{
    /// <summary>Share of failed calls in the sampling window that opens a breaker (0–1].</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>How far back the failure ratio looks (at least 500 ms).</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls needed in the window before the ratio counts (at least 2).</summary>
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>How long an open breaker refuses calls before letting one probe through (at least 500 ms).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries of an idempotent read after a transient failure (0 = none).</summary>
    public int ReadRetries { get; set; } = 3;

    /// <summary>First retry delay; doubles each time, with jitter.</summary>
    public TimeSpan ReadRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ReadRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every problem, each naming its key under <paramref name="section"/>.</summary>
    public IReadOnlyList<string> Validate(string section = "Resilience")
    {
        var problems = new List<string>();
        if (FailureRatio is <= 0 or > 1 || double.IsNaN(FailureRatio))
        {
            problems.Add($"{section}:FailureRatio must be in (0, 1], was {FailureRatio.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            problems.Add($"{section}:SamplingDuration must be at least 00:00:00.5.");
        }

        if (MinimumThroughput < 2)
        {
            problems.Add($"{section}:MinimumThroughput must be at least 2.");
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            problems.Add($"{section}:BreakDuration must be at least 00:00:00.5.");
        }

        if (ReadRetries is < 0 or > 10)
        {
            problems.Add($"{section}:ReadRetries must be between 0 and 10.");
        }

        if (ReadRetryBaseDelay <= TimeSpan.Zero || ReadRetryMaxDelay < ReadRetryBaseDelay)
        {
            problems.Add($"{section}:ReadRetryBaseDelay must be positive and ReadRetryMaxDelay at least as long.");
        }

        return problems;
    }
}
