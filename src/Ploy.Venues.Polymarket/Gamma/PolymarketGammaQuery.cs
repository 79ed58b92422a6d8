using System.Globalization;
using System.Text;

namespace Ploy.Venues.Polymarket.Gamma;

/// <summary>
/// List filters of <c>GET /events</c>, <c>/markets</c> and <c>/series</c> (protocol reference §8); unset filters are not
/// sent. Each endpoint ignores the filters it does not know.
/// </summary>
public sealed record PolymarketGammaQuery
{
    public int? Limit { get; init; }

    public int? Offset { get; init; }

    public string? Order { get; init; }

    public bool? Ascending { get; init; }

    public IReadOnlyList<string> Slugs { get; init; } = [];

    public bool? Active { get; init; }

    public bool? Closed { get; init; }

    public bool? Archived { get; init; }

    public string? TagId { get; init; }

    /// <summary>Events: the series they belong to.</summary>
    public string? SeriesId { get; init; }

    /// <summary>Series: e.g. "15m", "daily".</summary>
    public string? Recurrence { get; init; }

    /// <summary>Markets: comma-separated on the wire.</summary>
    public IReadOnlyList<string> ConditionIds { get; init; } = [];

    /// <summary>Markets. Venue quirk: sent as repeated keys, unlike the other list filters ([rs] protocol reference §8).</summary>
    public IReadOnlyList<string> ClobTokenIds { get; init; } = [];

    public DateTimeOffset? StartDateMin { get; init; }

    public DateTimeOffset? StartDateMax { get; init; }

    public DateTimeOffset? EndDateMin { get; init; }

    public DateTimeOffset? EndDateMax { get; init; }

    /// <summary>The query string (without '?'); empty when no filter is set.</summary>
    public string ToQueryString()
    {
        var builder = new StringBuilder();
        Add(builder, "limit", Limit?.ToString(CultureInfo.InvariantCulture));
        Add(builder, "offset", Offset?.ToString(CultureInfo.InvariantCulture));
        Add(builder, "order", Order);
        Add(builder, "ascending", Flag(Ascending));
        foreach (var slug in Slugs)
        {
            Add(builder, "slug", slug);
        }

        Add(builder, "active", Flag(Active));
        Add(builder, "closed", Flag(Closed));
        Add(builder, "archived", Flag(Archived));
        Add(builder, "tag_id", TagId);
        Add(builder, "series_id", SeriesId);
        Add(builder, "recurrence", Recurrence);
        Add(builder, "condition_ids", ConditionIds.Count > 0 ? string.Join(',', ConditionIds) : null);
        foreach (var token in ClobTokenIds)
        {
            Add(builder, "clob_token_ids", token);
        }

        Add(builder, "start_date_min", Iso(StartDateMin));
        Add(builder, "start_date_max", Iso(StartDateMax));
        Add(builder, "end_date_min", Iso(EndDateMin));
        Add(builder, "end_date_max", Iso(EndDateMax));
        return builder.ToString();
    }

    private static string? Flag(bool? value) => value is { } b ? (b ? "true" : "false") : null;

    private static string? Iso(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static void Add(StringBuilder builder, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        builder.Append(builder.Length == 0 ? string.Empty : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
