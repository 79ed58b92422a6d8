using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>
/// A CLOB <c>Market</c> (<c>GET /markets</c>; protocol reference §2.1). Mapped: the flags, ids, trading parameters,
/// dates, fees and tokens. Deliberately ignored (not needed to trade): <c>fpmm</c>, <c>icon</c>, <c>image</c>,
/// <c>rewards</c>, <c>tags</c>, <c>notifications_enabled</c>, <c>neg_risk_request_id</c>, <c>is_50_50_outcome</c>.
/// </summary>
public sealed record PolymarketMarket
{
    [JsonPropertyName("condition_id")]
    public required string ConditionId { get; init; }

    [JsonPropertyName("question_id")]
    public string? QuestionId { get; init; }

    [JsonPropertyName("question")]
    public string? Question { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("market_slug")]
    public string? MarketSlug { get; init; }

    [JsonPropertyName("enable_order_book")]
    public bool EnableOrderBook { get; init; }

    [JsonPropertyName("active")]
    public bool Active { get; init; }

    [JsonPropertyName("closed")]
    public bool Closed { get; init; }

    [JsonPropertyName("archived")]
    public bool Archived { get; init; }

    [JsonPropertyName("accepting_orders")]
    public bool AcceptingOrders { get; init; }

    [JsonPropertyName("accepting_order_timestamp")]
    public string? AcceptingOrderTimestamp { get; init; }

    [JsonPropertyName("minimum_order_size")]
    public decimal MinimumOrderSize { get; init; }

    [JsonPropertyName("minimum_tick_size")]
    public decimal MinimumTickSize { get; init; }

    [JsonPropertyName("end_date_iso")]
    public string? EndDateIso { get; init; }

    [JsonPropertyName("game_start_time")]
    public string? GameStartTime { get; init; }

    [JsonPropertyName("seconds_delay")]
    public int SecondsDelay { get; init; }

    [JsonPropertyName("maker_base_fee")]
    public decimal MakerBaseFee { get; init; }

    [JsonPropertyName("taker_base_fee")]
    public decimal TakerBaseFee { get; init; }

    [JsonPropertyName("neg_risk")]
    public bool NegRisk { get; init; }

    [JsonPropertyName("neg_risk_market_id")]
    public string? NegRiskMarketId { get; init; }

    [JsonPropertyName("tokens")]
    public IReadOnlyList<PolymarketMarketToken> Tokens { get; init; } = [];
}
