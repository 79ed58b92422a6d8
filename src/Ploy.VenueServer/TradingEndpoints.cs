using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Ploy.Venues.Polymarket.Http;

namespace Ploy.VenueServer;

/// <summary>API keys (L1) and orders and account (L2): protocol reference §2.2, §2.3.</summary>
internal static class TradingEndpoints
{
    private const int TooEarly = 425;

    private const string Unlimited = "115792089237316195423570985008687907853269984665640564039457584007913129639935";

    public static void Map(IEndpointRouteBuilder app, VenueCore core, ILogger logger)
    {
        app.MapPost("/auth/api-key", context => WithL1(context, core, logger, (address, nonce) => core.CreateKey(address, nonce)));
        app.MapGet("/auth/derive-api-key", context => WithL1(context, core, logger, core.ExistingKey));

        app.MapPost("/order", context => WithL2(context, core, logger, async (key, body) =>
        {
            if (OrderGate(context, core) is { } refused)
            {
                await refused;
                return;
            }

            if (!TryParse(body, out var document))
            {
                await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid order payload");
                return;
            }

            using (document)
            {
                var outcome = PostOne(core, logger, key, document!.RootElement);
                if (outcome is null)
                {
                    await Json.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "Trading is currently post-only: only post-only orders are accepted");
                    return;
                }

                await core.DelayAnswerAsync(context.RequestAborted);
                await Json.RespondAsync(context, outcome.Success ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, Json.Write(outcome.Write));
            }
        }));
        app.MapPost("/orders", context => WithL2(context, core, logger, async (key, body) =>
        {
            if (OrderGate(context, core) is { } refused)
            {
                await refused;
                return;
            }

            if (!TryParse(body, out var document) || document!.RootElement.ValueKind != JsonValueKind.Array)
            {
                document?.Dispose();
                await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid orders payload");
                return;
            }

            using (document)
            {
                var count = document.RootElement.GetArrayLength();
                if (count is 0 or > PolymarketRequestBodies.MaxBatchSize)
                {
                    await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Too many orders in payload, max allowed: 15");
                    return;
                }

                var outcomes = new List<OrderOutcome>();
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    outcomes.Add(PostOne(core, logger, key, element)
                        ?? OrderOutcome.Fail("Trading is currently post-only: only post-only orders are accepted"));
                }

                await Json.OkAsync(context, Json.Write(w =>
                {
                    w.WriteStartArray();
                    foreach (var outcome in outcomes)
                    {
                        outcome.Write(w);
                    }

                    w.WriteEndArray();
                }));
            }
        }));

        app.MapDelete("/order", context => WithL2(context, core, logger, (key, body) =>
        {
            if (CancelGate(context, core) is { } refused)
            {
                return refused;
            }

            string? id = null;
            if (TryParse(body, out var document))
            {
                using (document)
                {
                    if (document!.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in document.RootElement.EnumerateObject())
                        {
                            // The TS client sends orderID and the Rust client orderId.
                            if (property.Name.Equals("orderID", StringComparison.OrdinalIgnoreCase))
                            {
                                id = property.Value.GetString();
                            }
                        }
                    }
                }
            }

            return id is null
                ? Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid order payload")
                : CancelResponse(context, core.Cancel(key, [id]));
        }));
        app.MapDelete("/orders", context => WithL2(context, core, logger, (key, body) =>
        {
            if (CancelGate(context, core) is { } refused)
            {
                return refused;
            }

            var ids = new List<string>();
            if (TryParse(body, out var document))
            {
                using (document)
                {
                    if (document!.RootElement.ValueKind == JsonValueKind.Array)
                    {
                        ids.AddRange(document.RootElement.EnumerateArray().Select(e => e.GetString()).OfType<string>());
                    }
                }
            }

            return ids.Count == 0
                ? Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid orders payload")
                : CancelResponse(context, core.Cancel(key, ids));
        }));
        app.MapDelete("/cancel-all", context => WithL2(context, core, logger, (key, _) =>
            CancelGate(context, core) ?? CancelResponse(context, (core.CancelAll(key), []))));
        app.MapDelete("/cancel-market-orders", context => WithL2(context, core, logger, (key, body) =>
        {
            if (CancelGate(context, core) is { } refused)
            {
                return refused;
            }

            string? market = null;
            string? asset = null;
            if (TryParse(body, out var document))
            {
                using (document)
                {
                    if (document!.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        market = document.RootElement.TryGetProperty("market", out var m) ? m.GetString() : null;
                        asset = document.RootElement.TryGetProperty("asset_id", out var a) ? a.GetString() : null;
                    }
                }
            }

            var cancelled = core.CancelAll(key, o =>
                (string.IsNullOrEmpty(market) || string.Equals(o.Market.ConditionId, market, StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrEmpty(asset) || o.AssetId == asset));
            return CancelResponse(context, (cancelled, []));
        }));

        app.MapGet("/data/orders", context => WithL2(context, core, logger, (key, _) =>
        {
            var query = context.Request.Query;
            var orders = core.OpenOrders(key).Where(o =>
                Matches(query["id"], o.Id) && Matches(query["market"], o.Market.ConditionId) && Matches(query["asset_id"], o.AssetId)).ToList();
            return Json.OkAsync(context, Json.Page(orders, query["next_cursor"], 500, ProtocolJson.WriteOpenOrder));
        }));
        app.MapGet("/data/order/{orderId}", context => WithL2(context, core, logger, (key, _) =>
        {
            var order = core.Order(key, (string)context.Request.RouteValues["orderId"]!);
            return order is null
                ? Json.ErrorAsync(context, StatusCodes.Status404NotFound, "order not found")
                : Json.OkAsync(context, Json.Write(w => ProtocolJson.WriteOpenOrder(w, order)));
        }));
        app.MapGet("/data/trades", context => WithL2(context, core, logger, (key, _) =>
        {
            var query = context.Request.Query;
            long? before = long.TryParse(query["before"], NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : null;
            long? after = long.TryParse(query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
            var trades = core.Trades(key).Where(t =>
                Matches(query["id"], t.Id) && Matches(query["market"], t.Market.ConditionId) && Matches(query["asset_id"], t.AssetId)
                && (before is null || t.MatchTime.ToUnixTimeSeconds() < before) && (after is null || t.MatchTime.ToUnixTimeSeconds() > after)).ToList();
            return Json.OkAsync(context, Json.Page(trades, query["next_cursor"], 500, ProtocolJson.WriteTrade));
        }));
        app.MapGet("/balance-allowance", context => WithL2(context, core, logger, (key, _) => Balance(context, core, key)));
        app.MapGet("/balance-allowance/update", context => WithL2(context, core, logger, (key, _) => Balance(context, core, key)));
        app.MapPost("/v1/heartbeats", context => WithL2(context, core, logger, (key, body) =>
        {
            string? previous = null;
            if (TryParse(body, out var document))
            {
                using (document)
                {
                    if (document!.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("heartbeat_id", out var id)
                        && id.ValueKind == JsonValueKind.String)
                    {
                        previous = id.GetString();
                    }
                }
            }

            var next = core.Heartbeat(key, previous, out var current);
            return next is null
                ? Json.RespondAsync(context, StatusCodes.Status400BadRequest, Json.Object(w =>
                {
                    w.WriteString("heartbeat_id", current ?? string.Empty);
                    w.WriteString("error", "Invalid Heartbeat ID");
                }))
                : Json.OkAsync(context, Json.Object(w => w.WriteString("heartbeat_id", next)));
        }));
    }

    private static Task Balance(HttpContext context, VenueCore core, ApiKeyRecord key)
    {
        var query = context.Request.Query;
        var assetType = query["asset_type"].ToString().ToUpperInvariant();
        string? token = null;
        if (assetType.StartsWith("CONDITIONAL", StringComparison.Ordinal))
        {
            token = query["token_id"].ToString();
            if (token.Length == 0)
            {
                return Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid token id");
            }
        }
        else if (assetType != "COLLATERAL")
        {
            return Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid asset type");
        }

        var (total, _) = core.Balance(key.Address, token);
        return Json.OkAsync(context, Json.Object(w =>
        {
            w.WriteString("balance", Json.Micros(total));
            w.WriteStartObject("allowances");
            w.WriteString(Ploy.Venues.Polymarket.Signing.PolymarketContracts.ExchangeV2, Unlimited);
            w.WriteString(Ploy.Venues.Polymarket.Signing.PolymarketContracts.NegRiskExchangeV2, Unlimited);
            w.WriteEndObject();
        }));
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues filter, string value) =>
        string.IsNullOrEmpty(filter) || string.Equals(filter, value, StringComparison.OrdinalIgnoreCase);

    /// <summary>One order of a post; null when the post-only mode refuses it.</summary>
    private static OrderOutcome? PostOne(VenueCore core, ILogger logger, ApiKeyRecord key, JsonElement element)
    {
        if (!OrderParser.TryParse(element, out var request, out var error))
        {
            Log.OrderRejected(logger, key.Key, error);
            return OrderOutcome.Fail(error);
        }

        if (core.Mode == VenueMode.PostOnly && !request!.PostOnly)
        {
            return null;
        }

        var outcome = core.Submit(key, request!);
        if (outcome.Success)
        {
            Log.OrderAccepted(logger, outcome.OrderId, key.Key, outcome.Status);
        }
        else
        {
            Log.OrderRejected(logger, key.Key, outcome.ErrorMsg);
        }

        return outcome;
    }

    private static Task? OrderGate(HttpContext context, VenueCore core) => core.Mode switch
    {
        VenueMode.Restart => Json.ErrorAsync(context, TooEarly, "the matching engine is restarting, please retry later"),
        VenueMode.CancelOnly => Json.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "Trading is currently cancel-only: new orders are not accepted"),
        _ => null,
    };

    private static Task? CancelGate(HttpContext context, VenueCore core) =>
        core.Mode == VenueMode.Restart
            ? Json.ErrorAsync(context, TooEarly, "the matching engine is restarting, please retry later")
            : null;

    private static Task CancelResponse(HttpContext context, (List<string> Canceled, Dictionary<string, string> NotCanceled) result) =>
        Json.OkAsync(context, Json.Object(w =>
        {
            w.WriteStartArray("canceled");
            foreach (var id in result.Canceled)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            w.WriteStartObject("not_canceled");
            foreach (var (id, reason) in result.NotCanceled)
            {
                w.WriteString(id, reason);
            }

            w.WriteEndObject();
        }));

    private static bool TryParse(byte[] body, out JsonDocument? document)
    {
        document = null;
        if (body.Length == 0)
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task WithL1(HttpContext context, VenueCore core, ILogger logger, Func<string, ulong, ApiKeyRecord?> action)
    {
        if (Auth.VerifyL1(context.Request, core, out var error) is not { } signer)
        {
            Log.L1Refused(logger, context.Request.Path.Value ?? "/", error);
            await Json.ErrorAsync(context, StatusCodes.Status401Unauthorized, error);
            return;
        }

        var key = action(signer.Address, signer.Nonce);
        if (key is null)
        {
            await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "Could not derive api key!");
            return;
        }

        await Json.OkAsync(context, Json.Object(w =>
        {
            w.WriteString("apiKey", key.Key);
            w.WriteString("secret", key.Secret);
            w.WriteString("passphrase", key.Passphrase);
        }));
    }

    private static async Task WithL2(HttpContext context, VenueCore core, ILogger logger, Func<ApiKeyRecord, byte[], Task> action)
    {
        var (key, body, error) = await Auth.VerifyL2Async(context, core);
        if (key is null)
        {
            Auth.LogRefused(logger, context.Request, error);
            await Json.ErrorAsync(context, StatusCodes.Status401Unauthorized, error);
            return;
        }

        await action(key, body);
    }
}
