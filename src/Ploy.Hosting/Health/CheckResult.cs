using System.Text.Json.Serialization;

namespace Ploy.Hosting.Health;

/// <summary>One check of <c>/health</c>: <c>{"status":"up"|"down","latency_ms":n}</c>.</summary>
public sealed record CheckResult(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("latency_ms")] long LatencyMs)
{
    public const string Up = "up";
    public const string Down = "down";

    [JsonIgnore]
    public bool IsUp => Status == Up;
}
