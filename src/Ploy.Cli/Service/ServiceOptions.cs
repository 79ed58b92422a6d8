namespace Ploy.Cli.Service;

/// <summary>How the service starts and stops (config section <c>Service</c>).</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    /// <summary>Cancel every resting order on a graceful shutdown (SIGTERM).</summary>
    public bool CancelOnShutdown { get; set; } = true;

    /// <summary>The whole graceful shutdown (stop strategies, drain, cancel, checkpoint) must finish within this.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long shutdown waits for commands already queued at the gateway (in-flight submits) to resolve.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Every problem, each naming its full key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ShutdownTimeout <= TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{Section}:{nameof(ShutdownTimeout)} must be between 00:00:00 and 00:10:00 (exclusive of zero), was {ShutdownTimeout:c}.");
        }

        if (DrainTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:{nameof(DrainTimeout)} must be positive, was {DrainTimeout:c}.");
        }
        else if (DrainTimeout >= ShutdownTimeout)
        {
            problems.Add($"{Section}:{nameof(DrainTimeout)} ({DrainTimeout:c}) must be shorter than {Section}:{nameof(ShutdownTimeout)} ({ShutdownTimeout:c}).");
        }

        return problems;
    }
}
