using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ploy.VenueServer;

/// <summary>Public market data (protocol reference §2.1, §10.7–10.8); no authentication.</summary>
internal static class PublicEndpoints
{
    private const string NoBook = "No orderbook exists for the requested token id";

    public static void Map(IEndpointRouteBuilder app, VenueCore core)
    {
        app.MapGet("/", context => Json.OkAsync(context, Json.Write(w => w.WriteStringValue("OK"))));
        app.MapGet("/ok", context => Json.OkAsync(context, Json.Write(w => w.WriteStringValue("OK"))));
        app.MapGet("/time", context => Json.OkAsync(context, Json.Write(w => w.WriteNumberValue(core.Wall.GetUtcNow().ToUnixTimeSeconds()))));
        // Not Polymarket's: the simulation's clock, for a client that must see rounds open and close when this venue does
        // (its markets run on simulated time, `speed` times as fast as /time's wall clock). Polymarket answers 404 here.
        app.MapGet("/sim/clock", context => Json.OkAsync(context, Json.Object(w =>
        {
            w.WriteNumber("now_ms", core.Sim.GetUtcNow().ToUnixTimeMilliseconds());
            w.WriteNumber("speed", core.Options.Speed);
        })));
        app.MapGet("/version", context => Json.OkAsync(context, Json.Object(w => w.WriteNumber("version", 2))));

        app.MapGet("/markets", context =>
        {
            var markets = core.Markets();
            return Json.OkAsync(context, Json.Page(markets, context.Request.Query["next_cursor"], 500,
                (w, m) => ProtocolJson.WriteMarket(w, m, core.Options.Simulation.TakerFeeRate, id => core.LastTrade(id)?.Price)));
        });
        app.MapGet("/markets/{conditionId}", context =>
        {
            var entry = core.MarketByCondition((string)context.Request.RouteValues["conditionId"]!);
            return entry is null
                ? Json.ErrorAsync(context, StatusCodes.Status404NotFound, "market not found")
                : Json.OkAsync(context, Json.Write(w => ProtocolJson.WriteMarket(w, entry, core.Options.Simulation.TakerFeeRate, id => core.LastTrade(id)?.Price)));
        });
        app.MapGet("/markets-by-token/{tokenId}", context =>
        {
            var tokenId = (string)context.Request.RouteValues["tokenId"]!;
            var entry = core.MarketByToken(tokenId);
            return entry is null
                ? Json.ErrorAsync(context, StatusCodes.Status404NotFound, "market not found")
                : Json.OkAsync(context, Json.Object(w =>
                {
                    w.WriteString("condition_id", entry.ConditionId);
                    w.WriteString("primary_token_id", entry.YesId);
                    w.WriteString("secondary_token_id", entry.NoId);
                }));
        });
        app.MapGet("/clob-markets/{conditionId}", context =>
        {
            var entry = core.MarketByCondition((string)context.Request.RouteValues["conditionId"]!);
            return entry is null
                ? Json.ErrorAsync(context, StatusCodes.Status404NotFound, "market not found")
                : Json.OkAsync(context, Json.Object(w =>
                {
                    w.WriteString("c", entry.ConditionId);
                    w.WriteStartArray("t");
                    foreach (var (id, token) in new[] { (entry.YesId, entry.Market.Yes), (entry.NoId, entry.Market.No) })
                    {
                        w.WriteStartObject();
                        w.WriteString("t", id);
                        w.WriteString("o", entry.OutcomeName(token));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteNumber("mts", entry.Market.Tick.Value);
                    w.WriteNumber("mos", entry.Market.MinOrderSize.Shares);
                    w.WriteBoolean("nr", false);
                    // The engine charges size × rate × p(1−p): the client's fee model with exponent 1, takers only.
                    w.WriteStartObject("fd");
                    w.WriteNumber("r", core.Options.Simulation.TakerFeeRate);
                    w.WriteNumber("e", 1);
                    w.WriteBoolean("to", true);
                    w.WriteEndObject();
                }));
        });

        app.MapGet("/book", context => WithBook(context, core, book => Json.OkAsync(context, PolymarketBookHash.Serialize(book))));
        app.MapPost("/books", async context =>
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException)
            {
                await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid payload");
                return;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid payload");
                    return;
                }

                var books = new List<PolymarketBookSummary>();
                foreach (var item in document.RootElement.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("token_id", out var id)
                        && id.GetString() is { } tokenId && core.Book(tokenId) is { } book)
                    {
                        books.Add(book);
                    }
                }

                await Json.OkAsync(context, Json.Write(w =>
                {
                    w.WriteStartArray();
                    foreach (var book in books)
                    {
                        w.WriteStartObject();
                        PolymarketBookHash.WriteFields(w, book, PolymarketBookHash.Compute(book));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }));
            }
        });

        app.MapGet("/price", context => WithBook(context, core, book =>
        {
            // BUY answers the best bid and SELL the best ask (the side of the book an order of that side rests on).
            var side = context.Request.Query["side"].ToString().ToUpperInvariant();
            if (side is not ("BUY" or "SELL"))
            {
                return Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid side");
            }

            var levels = side == "BUY" ? book.Bids : book.Asks;
            return levels.Count == 0
                ? Json.ErrorAsync(context, StatusCodes.Status404NotFound, NoBook)
                : Json.OkAsync(context, Json.Object(w => w.WriteString("price", levels[^1].Price)));
        }));
        app.MapGet("/midpoint", context => WithBook(context, core, book =>
            Best(book) is not ({ } bid, { } ask)
                ? Json.ErrorAsync(context, StatusCodes.Status404NotFound, NoBook)
                : Json.OkAsync(context, Json.Object(w => w.WriteString("mid", Json.Dec((bid + ask) / 2m))))));
        app.MapGet("/spread", context => WithBook(context, core, book =>
            Best(book) is not ({ } bid, { } ask)
                ? Json.ErrorAsync(context, StatusCodes.Status404NotFound, NoBook)
                : Json.OkAsync(context, Json.Object(w => w.WriteString("spread", Json.Dec(ask - bid))))));
        app.MapGet("/tick-size", context => WithMarket(context, core, entry =>
            Json.OkAsync(context, Json.Object(w => w.WriteNumber("minimum_tick_size", entry.Market.Tick.Value)))));
        app.MapGet("/neg-risk", context => WithMarket(context, core, _ =>
            Json.OkAsync(context, Json.Object(w => w.WriteBoolean("neg_risk", false)))));
        app.MapGet("/fee-rate", context => WithMarket(context, core, _ =>
            Json.OkAsync(context, Json.Object(w => w.WriteNumber("base_fee", decimal.ToInt32(core.Options.Simulation.TakerFeeRate * 10_000m))))));
        app.MapGet("/last-trade-price", context => WithMarket(context, core, _ =>
        {
            var last = core.LastTrade(context.Request.Query["token_id"].ToString());
            return Json.OkAsync(context, Json.Object(w =>
            {
                w.WriteString("price", last is { } l ? Json.Dec(l.Price) : "0.5");
                w.WriteString("side", last is { } s ? (s.Side == Ploy.Core.Primitives.Side.Buy ? "BUY" : "SELL") : string.Empty);
            }));
        }));
    }

    private static (decimal? Bid, decimal? Ask) Best(PolymarketBookSummary book) => (
        book.Bids.Count > 0 ? decimal.Parse(book.Bids[^1].Price, CultureInfo.InvariantCulture) : null,
        book.Asks.Count > 0 ? decimal.Parse(book.Asks[^1].Price, CultureInfo.InvariantCulture) : null);

    private static Task WithMarket(HttpContext context, VenueCore core, Func<MarketEntry, Task> next)
    {
        var tokenId = context.Request.Query["token_id"].ToString();
        if (tokenId.Length == 0)
        {
            return Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid token id");
        }

        return core.MarketByToken(tokenId) is { } entry ? next(entry) : Json.ErrorAsync(context, StatusCodes.Status404NotFound, NoBook);
    }

    private static Task WithBook(HttpContext context, VenueCore core, Func<PolymarketBookSummary, Task> next)
    {
        var tokenId = context.Request.Query["token_id"].ToString();
        if (tokenId.Length == 0)
        {
            return Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid token id");
        }

        return core.Book(tokenId) is { } book ? next(book) : Json.ErrorAsync(context, StatusCodes.Status404NotFound, NoBook);
    }
}
