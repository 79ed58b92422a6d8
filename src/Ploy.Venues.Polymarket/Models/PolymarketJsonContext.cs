using System.Text.Json.Serialization;

namespace Ploy.Venues.Polymarket.Models;

/// <summary>
/// Source-generated System.Text.Json metadata for every REST answer the client reads. Numbers may come as strings
/// (the venue sends prices as decimal strings and the tick size as a number).
/// </summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString, PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(PolymarketOrderBookSummary))]
[JsonSerializable(typeof(IReadOnlyList<PolymarketOrderBookSummary>))]
[JsonSerializable(typeof(PolymarketMarket))]
[JsonSerializable(typeof(PolymarketPage<PolymarketMarket>))]
[JsonSerializable(typeof(PolymarketPage<PolymarketOpenOrder>))]
[JsonSerializable(typeof(PolymarketPage<PolymarketTrade>))]
[JsonSerializable(typeof(PolymarketOpenOrder))]
[JsonSerializable(typeof(PolymarketTrade))]
[JsonSerializable(typeof(PolymarketOrderResponse))]
[JsonSerializable(typeof(IReadOnlyList<PolymarketOrderResponse>))]
[JsonSerializable(typeof(PolymarketCancelResponse))]
[JsonSerializable(typeof(PolymarketBalanceAllowance))]
[JsonSerializable(typeof(PolymarketApiKeyResponse))]
[JsonSerializable(typeof(PolymarketHeartbeatResponse))]
[JsonSerializable(typeof(PolymarketErrorBody))]
[JsonSerializable(typeof(PolymarketSimulationClock))]
[JsonSerializable(typeof(PolymarketMarketQuotes))]
[JsonSerializable(typeof(PolymarketOrderEvent))]
[JsonSerializable(typeof(long))]
public sealed partial class PolymarketJsonContext : JsonSerializerContext;
