namespace Ploy.Hosting.Health;

/// <summary>Settings of the health endpoints (config section "Health").</summary>
public sealed class HealthOptions
{
    /// <summary>Longest a single probe may take before it counts as down.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The version reported; default: the entry assembly's informational version without the commit suffix.</summary>
    public string? Version { get; set; }
}
