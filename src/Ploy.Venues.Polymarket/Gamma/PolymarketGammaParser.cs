using System.Globalization;
using System.Text.Json;
using Ploy.Core.Venues;

namespace Ploy.Venues.Polymarket.Gamma;

/// <summary>
/// Gamma JSON (UTF-8 bytes) to typed models. Tolerant of what varies between endpoints — a missing or null field, a
/// number sent as a string, an id sent as a number — and strict on what is broken: malformed JSON, the wrong root
/// shape, or a JSON-encoded string array that does not decode are a <see cref="VenueErrorKind.Decode"/> error.
/// Nothing is thrown for any input.
/// </summary>
public static class PolymarketGammaParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static VenueResult<PolymarketGammaEvent> Event(ReadOnlyMemory<byte> utf8) => Parse(utf8, "event", JsonValueKind.Object, ReadEvent);

    public static VenueResult<IReadOnlyList<PolymarketGammaEvent>> Events(ReadOnlyMemory<byte> utf8) =>
        Parse(utf8, "events", JsonValueKind.Array, e => (IReadOnlyList<PolymarketGammaEvent>)[.. e.EnumerateArray().Where(IsObject).Select(ReadEvent)]);

    public static VenueResult<PolymarketGammaMarket> Market(ReadOnlyMemory<byte> utf8) => Parse(utf8, "market", JsonValueKind.Object, ReadMarket);

    public static VenueResult<IReadOnlyList<PolymarketGammaMarket>> Markets(ReadOnlyMemory<byte> utf8) =>
        Parse(utf8, "markets", JsonValueKind.Array, e => (IReadOnlyList<PolymarketGammaMarket>)[.. e.EnumerateArray().Where(IsObject).Select(ReadMarket)]);

    public static VenueResult<PolymarketGammaSeries> Series(ReadOnlyMemory<byte> utf8) => Parse(utf8, "series", JsonValueKind.Object, ReadSeries);

    public static VenueResult<IReadOnlyList<PolymarketGammaSeries>> SeriesList(ReadOnlyMemory<byte> utf8) =>
        Parse(utf8, "series list", JsonValueKind.Array, e => (IReadOnlyList<PolymarketGammaSeries>)[.. e.EnumerateArray().Where(IsObject).Select(ReadSeries)]);

    public static VenueResult<PolymarketGammaSearchResult> Search(ReadOnlyMemory<byte> utf8) =>
        Parse(utf8, "search result", JsonValueKind.Object, e => new PolymarketGammaSearchResult(
            Array(e, "events", ReadEvent),
            e.TryGetProperty("pagination", out var page) && page.ValueKind == JsonValueKind.Object && Bool(page, "hasMore") == true));

    private static VenueResult<T> Parse<T>(ReadOnlyMemory<byte> utf8, string what, JsonValueKind root, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, DocumentOptions);
            if (document.RootElement.ValueKind != root)
            {
                return Decode($"Gamma {what}: expected a JSON {root.ToString().ToLowerInvariant()}, got {document.RootElement.ValueKind}");
            }

            return VenueResult<T>.Ok(read(document.RootElement));
        }
        catch (JsonException ex)
        {
            return Decode($"Gamma {what}: {ex.Message}");
        }
        catch (EncodedFieldException ex)
        {
            return Decode($"Gamma {what}: {ex.Message}");
        }
    }

    private static VenueError Decode(string message) => new(VenueErrorKind.Decode, message, IsTransient: false);

    private static bool IsObject(JsonElement element) => element.ValueKind == JsonValueKind.Object;

    private static PolymarketGammaEvent ReadEvent(JsonElement e) => new()
    {
        Id = Text(e, "id"),
        Ticker = Text(e, "ticker"),
        Slug = Text(e, "slug"),
        Title = Text(e, "title"),
        Description = Text(e, "description"),
        StartDate = Date(e, "startDate"),
        EndDate = Date(e, "endDate"),
        StartTime = Date(e, "startTime"),
        Active = Bool(e, "active"),
        Closed = Bool(e, "closed"),
        Archived = Bool(e, "archived"),
        NegRisk = Bool(e, "negRisk"),
        NegRiskMarketId = Text(e, "negRiskMarketID"),
        Metadata = e.TryGetProperty("eventMetadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            ? new PolymarketGammaEventMetadata(Number(metadata, "priceToBeat"), Number(metadata, "finalPrice"))
            : null,
        Markets = Array(e, "markets", ReadMarket),
        Series = Array(e, "series", ReadSeriesShallow),
    };

    private static PolymarketGammaMarket ReadMarket(JsonElement e) => new()
    {
        Id = Text(e, "id"),
        Slug = Text(e, "slug"),
        Question = Text(e, "question"),
        ConditionId = Text(e, "conditionId"),
        QuestionId = Text(e, "questionID"),
        Outcomes = EncodedStrings(e, "outcomes"),
        OutcomePrices = [.. EncodedStrings(e, "outcomePrices").Select(p => ParseDecimal(p) ?? throw new EncodedFieldException($"'outcomePrices' holds a non-number '{Clip(p)}'"))],
        ClobTokenIds = EncodedStrings(e, "clobTokenIds"),
        PositionIds = EncodedStrings(e, "positionIds"),
        Version = Text(e, "version"),
        OrderPriceMinTickSize = Number(e, "orderPriceMinTickSize"),
        OrderMinSize = Number(e, "orderMinSize"),
        NegRisk = Bool(e, "negRisk"),
        NegRiskMarketId = Text(e, "negRiskMarketID"),
        EnableOrderBook = Bool(e, "enableOrderBook"),
        AcceptingOrders = Bool(e, "acceptingOrders"),
        Active = Bool(e, "active"),
        Closed = Bool(e, "closed"),
        BestBid = Number(e, "bestBid"),
        BestAsk = Number(e, "bestAsk"),
        LastTradePrice = Number(e, "lastTradePrice"),
        StartDate = Date(e, "startDate"),
        EndDate = Date(e, "endDate"),
        EventStartTime = Date(e, "eventStartTime"),
        GameStartTime = Date(e, "gameStartTime"),
    };

    private static PolymarketGammaSeries ReadSeries(JsonElement e) => ReadSeriesShallow(e) with { Events = Array(e, "events", ReadEvent) };

    private static PolymarketGammaSeries ReadSeriesShallow(JsonElement e) => new()
    {
        Id = Text(e, "id"),
        Ticker = Text(e, "ticker"),
        Slug = Text(e, "slug"),
        Title = Text(e, "title"),
        Recurrence = Text(e, "recurrence"),
        Active = Bool(e, "active"),
        Closed = Bool(e, "closed"),
    };

    private static IReadOnlyList<T> Array<T>(JsonElement e, string name, Func<JsonElement, T> read) =>
        e.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray().Where(IsObject).Select(read)] : [];

    /// <summary>
    /// Venue quirk: <c>outcomes</c>, <c>outcomePrices</c> and <c>clobTokenIds</c> are JSON arrays encoded as strings
    /// (<c>"[\"Yes\", \"No\"]"</c>), decoded a second time here; a real array (as <c>positionIds</c> is) is read too.
    /// </summary>
    private static List<string> EncodedStrings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var value))
        {
            return [];
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                return Strings(value, name);
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length == 0)
                {
                    return [];
                }

                try
                {
                    using var inner = JsonDocument.Parse(text, DocumentOptions);
                    if (inner.RootElement.ValueKind != JsonValueKind.Array)
                    {
                        throw new EncodedFieldException($"'{name}' does not encode an array");
                    }

                    return Strings(inner.RootElement, name);
                }
                catch (JsonException ex)
                {
                    throw new EncodedFieldException($"'{name}' is not a JSON-encoded array: {ex.Message}");
                }

            default:
                return [];
        }
    }

    private static List<string> Strings(JsonElement array, string name)
    {
        var list = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            list.Add(item.ValueKind switch
            {
                JsonValueKind.String => item.GetString()!,
                // Token ids are uint256: kept as their exact digits, never through a double.
                JsonValueKind.Number => item.GetRawText(),
                _ => throw new EncodedFieldException($"'{name}' holds a {item.ValueKind}"),
            });
        }

        return list;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            }
            : null;

    private static decimal? Number(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDecimal(out var number) ? number : null,
            JsonValueKind.String => ParseDecimal(value.GetString()!),
            _ => null,
        };
    }

    private static decimal? ParseDecimal(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static DateTimeOffset? Date(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>A JSON-encoded field that does not decode: caught in <see cref="Parse{T}"/> and returned as a Decode error.</summary>
    private sealed class EncodedFieldException(string message) : Exception(message);
}
