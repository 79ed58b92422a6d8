using System.Text.Json.Serialization;

namespace Ploy.Hosting.Health;

/// <summary>The body of <c>/health/live</c>: the process answers.</summary>
public sealed record LivenessReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("uptime_seconds")] long UptimeSeconds);
