using System.Text.Json.Serialization;

namespace Ploy.Hosting.Health;

/// <summary>The body of <c>/health/ready</c>: ready or not, the role, and every reason it is not.</summary>
public sealed record ReadinessReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons)
{
    public const string Ready = "ready";
    public const string NotReady = "not_ready";

    [JsonIgnore]
    public bool IsReady => Status == Ready;
}
