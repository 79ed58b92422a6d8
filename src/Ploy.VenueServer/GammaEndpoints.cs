using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Ploy.VenueServer;

/// <summary>
/// Gamma (protocol reference §8) for the venue's recurring series: <c>/events</c>, <c>/markets</c>, <c>/series</c> and
/// <c>/public-search</c> under the real Gamma paths. All of them are served under <c>/gamma/</c> (point a Gamma base URL
/// at <c>http://127.0.0.1:PORT/gamma/</c>); the ones whose paths the CLOB does not use are served at the root too.
/// <c>GET /markets</c> and <c>/markets/{id}</c> at the root stay the CLOB's.
/// </summary>
internal static class GammaEndpoints
{
    public static void Map(IEndpointRouteBuilder app, VenueCore core)
    {
        MapShared(app.MapGroup("/gamma"), core);
        MapShared(app, core);
        var gamma = app.MapGroup("/gamma");
        gamma.MapGet("/markets", context => ListMarketsAsync(context, core));
        gamma.MapGet("/markets/{id}", context => OneAsync(context, core, (view, id) => view.Rounds.LastOrDefault(r => r.Id == id || r.ConditionId == id), market: true));
    }

    private static void MapShared(IEndpointRouteBuilder routes, VenueCore core)
    {
        routes.MapGet("/events", context => ListEventsAsync(context, core));
        routes.MapGet("/events/slug/{slug}", context => OneAsync(context, core, (view, slug) => view.Rounds.LastOrDefault(r => r.Slug == slug), market: false, key: "slug"));
        routes.MapGet("/events/{id}", context => OneAsync(context, core, (view, id) => view.Rounds.LastOrDefault(r => r.Id == id), market: false));
        routes.MapGet("/markets/slug/{slug}", context => OneAsync(context, core, (view, slug) => view.Rounds.LastOrDefault(r => r.Slug == slug), market: true, key: "slug"));
        routes.MapGet("/series", context => ListSeriesAsync(context, core));
        routes.MapGet("/series/{id}", context =>
        {
            var view = GammaSeriesView.Of(core);
            return (string?)context.Request.RouteValues["id"] == GammaSeriesView.Id
                ? Json.OkAsync(context, Json.Write(w => GammaJson.WriteSeries(w, view, core, withEvents: true)))
                : Json.ErrorAsync(context, StatusCodes.Status404NotFound, "series not found");
        });
        routes.MapGet("/public-search", context => SearchAsync(context, core));
    }

    private static Task OneAsync(HttpContext context, VenueCore core, Func<GammaSeriesView, string, GammaRound?> find, bool market, string key = "id")
    {
        var view = GammaSeriesView.Of(core);
        var value = (string?)context.Request.RouteValues[key] ?? string.Empty;
        if (find(view, value) is not { } round)
        {
            return Json.ErrorAsync(context, StatusCodes.Status404NotFound, market ? "market not found" : "event not found");
        }

        return Json.OkAsync(context, Json.Write(w =>
        {
            if (market)
            {
                GammaJson.WriteMarket(w, view, round, core);
            }
            else
            {
                GammaJson.WriteEvent(w, view, round, core);
            }
        }));
    }

    private static Task ListEventsAsync(HttpContext context, VenueCore core)
    {
        var view = GammaSeriesView.Of(core);
        var query = context.Request.Query;
        var rounds = Filter(view.Rounds, query)
            .Where(r => Values(query["id"]).Count == 0 || Values(query["id"]).Contains(r.Id))
            .Where(r => query["series_id"].Count == 0 || query["series_id"] == GammaSeriesView.Id);
        return Page(context, rounds, (w, r) => GammaJson.WriteEvent(w, view, r, core));
    }

    private static Task ListMarketsAsync(HttpContext context, VenueCore core)
    {
        var view = GammaSeriesView.Of(core);
        var query = context.Request.Query;
        var conditions = Values(query["condition_ids"]);
        // Venue quirk: clob_token_ids comes as repeated keys (protocol reference §8); commas are accepted too.
        var tokens = Values(query["clob_token_ids"]);
        var rounds = Filter(view.Rounds, query)
            .Where(r => conditions.Count == 0 || conditions.Contains(r.ConditionId))
            .Where(r => tokens.Count == 0 || tokens.Contains(r.YesId) || tokens.Contains(r.NoId));
        return Page(context, rounds, (w, r) => GammaJson.WriteMarket(w, view, r, core));
    }

    private static Task ListSeriesAsync(HttpContext context, VenueCore core)
    {
        var view = GammaSeriesView.Of(core);
        var query = context.Request.Query;
        var slugs = Values(query["slug"]);
        var matches = (slugs.Count == 0 || slugs.Contains(view.Slug))
            && Flag(query["closed"]) is null or false
            && Flag(query["active"]) is null or true
            && (query["recurrence"].Count == 0 || query["recurrence"] == view.Recurrence);
        return Json.OkAsync(context, Json.Write(w =>
        {
            w.WriteStartArray();
            if (matches)
            {
                GammaJson.WriteSeries(w, view, core, withEvents: true);
            }

            w.WriteEndArray();
        }));
    }

    private static Task SearchAsync(HttpContext context, VenueCore core)
    {
        var view = GammaSeriesView.Of(core);
        var text = context.Request.Query["q"].ToString().Trim();
        if (text.Length == 0)
        {
            return Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "q is required");
        }

        var seriesMatches = view.Slug.Contains(text, StringComparison.OrdinalIgnoreCase) || view.Title.Contains(text, StringComparison.OrdinalIgnoreCase);
        var found = view.Rounds.Where(r => seriesMatches || r.Slug.Contains(text, StringComparison.OrdinalIgnoreCase)).Reverse().Take(20).ToList();
        return Json.OkAsync(context, Json.Object(w =>
        {
            w.WriteStartArray("events");
            foreach (var round in found)
            {
                GammaJson.WriteEvent(w, view, round, core);
            }

            w.WriteEndArray();
            w.WriteStartArray("tags");
            w.WriteEndArray();
            w.WriteStartArray("profiles");
            w.WriteEndArray();
            w.WriteStartObject("pagination");
            w.WriteBoolean("hasMore", false);
            w.WriteNumber("totalResults", found.Count);
            w.WriteEndObject();
        }));
    }

    private static IEnumerable<GammaRound> Filter(IEnumerable<GammaRound> rounds, IQueryCollection query)
    {
        var slugs = Values(query["slug"]);
        var closed = Flag(query["closed"]);
        var active = Flag(query["active"]);
        return rounds
            .Where(r => slugs.Count == 0 || slugs.Contains(r.Slug))
            .Where(r => closed is null || r.Closed == closed)
            .Where(r => active is null || !r.Closed == active);
    }

    private static Task Page(HttpContext context, IEnumerable<GammaRound> rounds, Action<System.Text.Json.Utf8JsonWriter, GammaRound> write)
    {
        var query = context.Request.Query;
        var ascending = Flag(query["ascending"]) ?? true;
        var ordered = ascending ? rounds.OrderBy(r => r.Start) : rounds.OrderByDescending(r => r.Start);
        var offset = Number(query["offset"]) ?? 0;
        var limit = Number(query["limit"]) ?? 100;
        if (offset < 0 || limit < 0)
        {
            return Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "limit and offset must not be negative");
        }

        var page = ordered.Skip(offset).Take(limit).ToList();
        return Json.OkAsync(context, Json.Write(w =>
        {
            w.WriteStartArray();
            foreach (var round in page)
            {
                write(w, round);
            }

            w.WriteEndArray();
        }));
    }

    private static HashSet<string> Values(StringValues values) =>
        [.. values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static bool? Flag(StringValues value) => bool.TryParse(value.ToString(), out var flag) ? flag : null;

    private static int? Number(StringValues value) => int.TryParse(value.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
