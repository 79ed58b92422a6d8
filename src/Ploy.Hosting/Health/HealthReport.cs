using System.Text.Json.Serialization;

namespace Ploy.Hosting.Health;

/// <summary>The body of <c>/health</c> (original-system.md §1.5.1).</summary>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("uptime_seconds")] long UptimeSeconds,
    [property: JsonPropertyName("checks")] HealthChecks Checks)
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";

    [JsonIgnore]
    public bool IsHealthy => Status == Healthy;
}
