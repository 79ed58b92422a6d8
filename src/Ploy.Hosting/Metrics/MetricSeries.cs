namespace Ploy.Hosting.Metrics;

/// <summary>
/// One label set of a family and its running values. Created once per label set and then reused, so
/// recording a measurement allocates nothing. Guarded by the owning family's lock.
/// </summary>
internal sealed class MetricSeries
{
    public MetricSeries(KeyValuePair<string, object?>[] tags, int hash, int bucketCount)
    {
        Tags = tags;
        Hash = hash;
        BucketCounts = bucketCount > 0 ? new long[bucketCount] : null;
        Labels = string.Join(',', tags
            .Select(t => (Name: PrometheusText.SanitizeLabelName(t.Key), Value: PrometheusText.FormatLabelValue(t.Value)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => $"{t.Name}=\"{PrometheusText.EscapeLabelValue(t.Value)}\""));
    }

    public KeyValuePair<string, object?>[] Tags { get; }

    public int Hash { get; }

    /// <summary>Rendered, escaped and sorted: <c>endpoint="orders",kind="Timeout"</c>; empty without labels.</summary>
    public string Labels { get; }

    public double Value { get; set; }

    /// <summary>Per-bucket (not cumulative) counts; the last slot is the +Inf overflow bucket.</summary>
    public long[]? BucketCounts { get; }

    public double Sum { get; set; }

    public long Count { get; set; }

    /// <summary>The scrape that last observed this series (observable instruments only).</summary>
    public long Generation { get; set; }

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags, int hash)
    {
        if (hash != Hash || tags.Length != Tags.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            var found = false;
            foreach (var own in Tags)
            {
                if (string.Equals(own.Key, tag.Key, StringComparison.Ordinal) && Equals(own.Value, tag.Value))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Order-independent, so the same tags passed in another order land in the same series.</summary>
    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = tags.Length;
        foreach (var tag in tags)
        {
            hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(tag.Key), tag.Value?.GetHashCode() ?? 0);
        }

        return hash;
    }
}
