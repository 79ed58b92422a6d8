using System.Text;
using System.Text.Json;

namespace Ploy.Persistence.Deployments;

/// <summary>The <c>durations</c> column: a JSON object of phase name to whole milliseconds.</summary>
internal static class DurationsJson
{
    public static string Write(IReadOnlyDictionary<string, long> durations)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, ms) in durations.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(name, ms);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads what <see cref="Write"/> wrote; members that are not whole numbers are skipped, not fatal.</summary>
    public static IReadOnlyDictionary<string, long> Read(string? json)
    {
        var durations = new Dictionary<string, long>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return durations;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return durations;
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var ms))
            {
                durations[property.Name] = ms;
            }
        }

        return durations;
    }
}
