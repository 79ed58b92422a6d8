using System.Globalization;
using System.Text.Json;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Http;

namespace Ploy.VenueServer;

/// <summary>The venue's JSON shapes: Market, OpenOrder, Trade (protocol reference §2.1, §2.3).</summary>
internal static class ProtocolJson
{
    private static string SideName(Side side) => side == Side.Buy ? "BUY" : "SELL";

    public static void WriteOpenOrder(Utf8JsonWriter w, ServerOrder order)
    {
        var engine = order.Engine;
        w.WriteStartObject();
        w.WriteString("id", order.Id);
        w.WriteString("status", engine.Status switch
        {
            VenueOrderStatus.Live => "LIVE",
            VenueOrderStatus.Matched => "MATCHED",
            VenueOrderStatus.Expired => "CANCELED",
            _ => "CANCELED",
        });
        w.WriteString("owner", order.Owner.Key);
        w.WriteString("maker_address", order.MakerAddress);
        w.WriteString("market", order.Market.ConditionId);
        w.WriteString("asset_id", order.AssetId);
        w.WriteString("side", SideName(order.Side));
        w.WriteString("original_size", Json.Dec(engine.OriginalSize));
        w.WriteString("size_matched", Json.Dec(engine.Filled));
        w.WriteString("price", Json.Dec(engine.Price.Value));
        w.WriteStartArray("associate_trades");
        foreach (var trade in order.Trades)
        {
            w.WriteStringValue(trade);
        }

        w.WriteEndArray();
        w.WriteString("outcome", order.Market.OutcomeName(engine.Token));
        w.WriteNumber("created_at", order.CreatedAt.ToUnixTimeSeconds());
        w.WriteString("expiration", order.Expiration.ToString(CultureInfo.InvariantCulture));
        w.WriteString("order_type", PolymarketRequestBodies.OrderTypeName(order.Type));
        w.WriteEndObject();
    }

    public static void WriteTrade(Utf8JsonWriter w, ServerTrade trade)
    {
        w.WriteStartObject();
        WriteTradeFields(w, trade);
        w.WriteString("match_time", trade.MatchTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("bucket_index", 0);
        w.WriteEndObject();
    }

    /// <summary>Fields shared by <c>GET /data/trades</c> and the user channel's <c>trade</c> event.</summary>
    public static void WriteTradeFields(Utf8JsonWriter w, ServerTrade trade)
    {
        w.WriteString("id", trade.Id);
        w.WriteString("taker_order_id", trade.IsMaker ? string.Empty : trade.OrderId);
        w.WriteString("market", trade.Market.ConditionId);
        w.WriteString("asset_id", trade.AssetId);
        w.WriteString("side", SideName(trade.Side));
        w.WriteString("size", Json.Dec(trade.Size));
        w.WriteString("fee_rate_bps", "0");
        w.WriteString("price", Json.Dec(trade.Price));
        w.WriteString("status", "MATCHED");
        w.WriteString("last_update", trade.MatchTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        w.WriteString("outcome", trade.Market.OutcomeName(trade.Market.SimToken(trade.AssetId)));
        w.WriteString("owner", trade.Owner.Key);
        w.WriteString("maker_address", trade.MakerAddress);
        w.WriteStartArray("maker_orders");
        if (trade.IsMaker)
        {
            w.WriteStartObject();
            w.WriteString("order_id", trade.OrderId);
            w.WriteString("owner", trade.Owner.Key);
            w.WriteString("maker_address", trade.MakerAddress);
            w.WriteString("matched_amount", Json.Dec(trade.Size));
            w.WriteString("price", Json.Dec(trade.Price));
            w.WriteString("fee_rate_bps", "0");
            w.WriteString("asset_id", trade.AssetId);
            w.WriteString("outcome", trade.Market.OutcomeName(trade.Market.SimToken(trade.AssetId)));
            w.WriteString("side", SideName(trade.Side));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("transaction_hash", trade.TransactionHash);
        w.WriteString("trader_side", trade.IsMaker ? "MAKER" : "TAKER");
    }

    public static void WriteMarket(Utf8JsonWriter w, MarketEntry entry, decimal takerFeeRate, Func<string, decimal?> price)
    {
        var market = entry.Market;
        var active = !entry.Closed;
        w.WriteStartObject();
        w.WriteBoolean("enable_order_book", true);
        w.WriteBoolean("active", active);
        w.WriteBoolean("closed", entry.Closed);
        w.WriteBoolean("archived", false);
        w.WriteBoolean("accepting_orders", active);
        w.WriteString("accepting_order_timestamp", market.OpensAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteNumber("minimum_order_size", market.MinOrderSize.Shares);
        w.WriteNumber("minimum_tick_size", market.Tick.Value);
        w.WriteString("condition_id", entry.ConditionId);
        w.WriteString("question_id", entry.ConditionId);
        w.WriteString("question", market.Question);
        w.WriteString("description", market.Question);
        w.WriteString("market_slug", market.Yes.Value.EndsWith("-yes", StringComparison.Ordinal) ? market.Yes.Value[..^4] : market.Yes.Value);
        w.WriteString("end_date_iso", market.ClosesAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteString("game_start_time", (string?)null);
        w.WriteNumber("seconds_delay", 0);
        w.WriteString("fpmm", string.Empty);
        w.WriteNumber("maker_base_fee", 0);
        w.WriteNumber("taker_base_fee", decimal.ToInt32(takerFeeRate * 10_000m));
        w.WriteBoolean("notifications_enabled", false);
        w.WriteBoolean("neg_risk", false);
        w.WriteString("neg_risk_market_id", string.Empty);
        w.WriteString("neg_risk_request_id", string.Empty);
        w.WriteString("icon", string.Empty);
        w.WriteString("image", string.Empty);
        w.WriteStartObject("rewards");
        w.WriteNull("rates");
        w.WriteNumber("min_size", 0);
        w.WriteNumber("max_spread", 0);
        w.WriteEndObject();
        w.WriteBoolean("is_50_50_outcome", false);
        w.WriteStartArray("tokens");
        foreach (var token in (TokenId[])[market.Yes, market.No])
        {
            var id = entry.PublicId(token);
            w.WriteStartObject();
            w.WriteString("token_id", id);
            w.WriteString("outcome", entry.OutcomeName(token));
            w.WriteNumber("price", price(id) ?? 0.5m);
            w.WriteBoolean("winner", entry.Winner is { } winner && market.TokenFor(winner) == token);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("tags");
        w.WriteStringValue("Crypto");
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
