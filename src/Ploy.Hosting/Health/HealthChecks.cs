using System.Text.Json.Serialization;

namespace Ploy.Hosting.Health;

/// <summary>Exactly the three checks the review specifies.</summary>
public sealed record HealthChecks(
    [property: JsonPropertyName("database")] CheckResult Database,
    [property: JsonPropertyName("api_connection")] CheckResult ApiConnection,
    [property: JsonPropertyName("order_queue")] CheckResult OrderQueue)
{
    [JsonIgnore]
    public bool AllUp => Database.IsUp && ApiConnection.IsUp && OrderQueue.IsUp;
}
