using System.Globalization;
using Ploy.Core.Books;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Models;

namespace Ploy.Venues.Polymarket.Parsing;

/// <summary>Venue DTOs to Core values. Throws <see cref="FormatException"/> on fields that cannot be read (callers map it to Decode).</summary>
public static class PolymarketParse
{
    public static Side Side(string? side) => side?.ToUpperInvariant() switch
    {
        "BUY" => Core.Primitives.Side.Buy,
        "SELL" => Core.Primitives.Side.Sell,
        _ => throw new FormatException($"Unknown side '{side}'."),
    };

    public static Price Price(string? text, string field = "price")
    {
        var value = PolymarketDecimal.Parse(text, field);
        return Core.Primitives.Price.TryCreate(value, out var price) ? price : throw new FormatException($"'{field}' {value} is not a price.");
    }

    /// <summary>Shares, truncated to the 6 base-unit decimals the venue settles in.</summary>
    public static Size Size(string? text, string field = "size")
    {
        var value = PolymarketDecimal.Parse(text, field);
        return Core.Primitives.Size.Of(Math.Max(0m, decimal.Round(value, 6, MidpointRounding.ToZero)));
    }

    public static IReadOnlyList<BookLevel> Levels(IReadOnlyList<PolymarketPriceLevel>? levels)
    {
        if (levels is null || levels.Count == 0)
        {
            return [];
        }

        var result = new List<BookLevel>(levels.Count);
        foreach (var level in levels)
        {
            var size = Size(level.Size);
            if (!size.IsZero)
            {
                result.Add(new BookLevel(Price(level.Price), size));
            }
        }

        return result;
    }

    /// <summary>OpenOrder status → Core. Venue quirk: both LIVE and ORDER_STATUS_LIVE spellings are seen (rs-clob-client OrderStatus).</summary>
    public static VenueOrderStatus OrderStatus(string? status, Size original, Size matched)
    {
        var normalized = (status ?? string.Empty).ToUpperInvariant().Replace("ORDER_STATUS_", string.Empty, StringComparison.Ordinal);
        return normalized switch
        {
            "LIVE" => VenueOrderStatus.Live,
            "DELAYED" => VenueOrderStatus.Delayed,
            "MATCHED" => VenueOrderStatus.Matched,
            "CANCELED" or "CANCELLED" or "CANCELED_MARKET_RESOLVED" or "UNMATCHED" => VenueOrderStatus.Cancelled,
            "EXPIRED" => VenueOrderStatus.Expired,
            _ when !original.IsZero && matched >= original => VenueOrderStatus.Matched,
            _ => throw new FormatException($"Unknown order status '{status}'."),
        };
    }

    public static VenueOrderState OrderState(PolymarketOpenOrder order)
    {
        var original = Size(order.OriginalSize, "original_size");
        var matched = Size(order.SizeMatched, "size_matched");
        return new VenueOrderState(new VenueOrderId(order.Id), new TokenId(order.AssetId), Side(order.Side), Price(order.Price),
            original, Core.Primitives.Size.Min(matched, original), OrderStatus(order.Status, original, matched));
    }

    /// <summary>A user-channel order event as an order state: CANCELLATION → Cancelled, fully matched → Matched, else Live.</summary>
    public static VenueOrderState OrderState(PolymarketOrderEvent order)
    {
        var original = Size(order.OriginalSize, "original_size");
        var matched = Core.Primitives.Size.Min(Size(order.SizeMatched, "size_matched"), original);
        var status = string.Equals(order.Type, "CANCELLATION", StringComparison.OrdinalIgnoreCase) ? VenueOrderStatus.Cancelled
            : !original.IsZero && matched >= original ? VenueOrderStatus.Matched
            : VenueOrderStatus.Live;
        return new VenueOrderState(new VenueOrderId(order.Id), new TokenId(order.AssetId), Side(order.Side), Price(order.Price), original, matched, status);
    }

    public static DateTimeOffset EventTime(string? timestampMs, TimeProvider time) =>
        long.TryParse(timestampMs, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : time.GetUtcNow();

    public static SettlementStatus Settlement(string? status) => (status ?? string.Empty).ToUpperInvariant() switch
    {
        "MINED" => SettlementStatus.Mined,
        "CONFIRMED" => SettlementStatus.Confirmed,
        "FAILED" => SettlementStatus.Failed,
        // MATCHED, and RETRYING: matched, settlement still in flight.
        _ => SettlementStatus.Matched,
    };

    /// <summary>
    /// Our fills in one trade. As taker: one fill of the taker order. As maker: one fill per maker order that is ours
    /// (<c>owner</c> = our API key). The trade id is the venue's, suffixed with the order id when one trade fills
    /// several of our maker orders, so REST and the user channel name fills alike.
    /// </summary>
    public static IReadOnlyList<VenueFill> Fills(PolymarketTrade trade, string apiKey, TimeProvider time)
    {
        var at = TradeTime(trade, time);
        var settlement = Settlement(trade.Status);
        var feeRate = PolymarketDecimal.OrZero(trade.FeeRateBps) / 10_000m;
        if (!string.Equals(trade.TraderSide, "MAKER", StringComparison.OrdinalIgnoreCase))
        {
            var price = Price(trade.Price);
            var size = Size(trade.Size);
            // Venue quirk: taker fee = size × rate × p × (1 − p), charged to takers only (venue-and-users.md §0.1).
            var fee = decimal.Round(size.Shares * feeRate * price.Value * (1m - price.Value), 6);
            return [new VenueFill(new TradeId(trade.Id), new VenueOrderId(trade.TakerOrderId ?? string.Empty), new TokenId(trade.AssetId),
                Side(trade.Side), price, size, fee, IsMaker: false, at, settlement)];
        }

        var ours = (trade.MakerOrders ?? []).Where(m => string.Equals(m.Owner, apiKey, StringComparison.Ordinal)).ToList();
        if (ours.Count == 0 && trade.MakerOrders is { Count: 1 })
        {
            // Venue quirk: a maker trade may carry only our own maker order without an owner we can match.
            ours.Add(trade.MakerOrders[0]);
        }

        var fills = new List<VenueFill>(ours.Count);
        foreach (var maker in ours)
        {
            var id = ours.Count == 1 ? trade.Id : trade.Id + ":" + maker.OrderId;
            fills.Add(new VenueFill(new TradeId(id), new VenueOrderId(maker.OrderId), new TokenId(maker.AssetId ?? trade.AssetId),
                Side(maker.Side ?? trade.Side), Price(maker.Price), Size(maker.MatchedAmount, "matched_amount"), 0m, IsMaker: true, at, settlement));
        }

        return fills;
    }

    /// <summary>A trade's time: ms timestamp (user channel), else match time in seconds, else now.</summary>
    public static DateTimeOffset TradeTime(PolymarketTrade trade, TimeProvider time)
    {
        if (long.TryParse(trade.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        var seconds = trade.MatchTime ?? trade.MatchTimeWs ?? trade.LastUpdate;
        return long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s)
            : time.GetUtcNow();
    }

    /// <summary>A binary CLOB market as Core sees it; null when it is not a two-token market.</summary>
    public static BinaryMarket? Market(PolymarketMarket market, DateTimeOffset now)
    {
        if (market.Tokens.Count != 2 || !TickSize.TryCreate(market.MinimumTickSize, out var tick))
        {
            return null;
        }

        // Venue quirk: tokens are listed Yes then No; the outcome names decide when present.
        var yes = market.Tokens.FirstOrDefault(t => string.Equals(t.Outcome, "Yes", StringComparison.OrdinalIgnoreCase)) ?? market.Tokens[0];
        var no = market.Tokens.First(t => !ReferenceEquals(t, yes));
        var opens = Date(market.AcceptingOrderTimestamp) ?? now;
        var closes = Date(market.EndDateIso) ?? DateTimeOffset.MaxValue;
        return new BinaryMarket(new ConditionId(market.ConditionId), new TokenId(yes.TokenId), new TokenId(no.TokenId), tick,
            Core.Primitives.Size.Of(decimal.Round(Math.Max(0m, market.MinimumOrderSize), 6)), market.Question ?? market.ConditionId, opens, closes);
    }

    /// <summary>The resolution of a closed market with a winning token, else null.</summary>
    public static MarketResolution? Resolution(PolymarketMarket market, BinaryMarket binary, DateTimeOffset now)
    {
        if (!market.Closed)
        {
            return null;
        }

        var winner = market.Tokens.FirstOrDefault(t => t.Winner);
        return winner is null ? null : new MarketResolution(binary.Condition, binary.OutcomeOf(new TokenId(winner.TokenId)), now);
    }

    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
}
