using System.Globalization;
using System.Text.Json;
using Ploy.Core.MarketData;

namespace Ploy.Venues.Polymarket.Rtds;

/// <summary>
/// RTDS crypto-price messages to Core <see cref="ReferencePriceEvent"/>s. A message is
/// <c>{"topic":"crypto_prices","type":"update","timestamp":ms,"payload":{"symbol":"btcusdt","timestamp":ms,"value":97000.5,"full_accuracy_value":"97000.50"}}</c>
/// (docs.polymarket.com, RTDS crypto prices); a frame may also hold an array of them. Other topics are ignored.
/// </summary>
public static class PolymarketRtdsParser
{
    public const string CryptoPrices = "crypto_prices";
    public const string CryptoPricesChainlink = "crypto_prices_chainlink";

    /// <summary>The reference prices in a frame; throws <see cref="JsonException"/> on malformed JSON (the stream logs and skips it).</summary>
    public static IReadOnlyList<ReferencePriceEvent> Parse(ReadOnlyMemory<byte> frame)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        var events = new List<ReferencePriceEvent>();
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in root.EnumerateArray())
            {
                Add(item, events);
            }
        }
        else
        {
            Add(root, events);
        }

        return events;
    }

    /// <summary>
    /// The Core symbol of an RTDS symbol: the base asset, upper case ("btcusdt" and "btc/usd" → "BTC"), as round
    /// markets name their reference (<see cref="Core.Markets.RoundInfo.ReferenceSymbol"/>).
    /// </summary>
    public static string ToReferenceSymbol(string rtdsSymbol)
    {
        var symbol = rtdsSymbol.Trim().ToUpperInvariant();
        var slash = symbol.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            return symbol[..slash];
        }

        foreach (var quote in (string[])["USDT", "USDC", "USD"])
        {
            if (symbol.Length > quote.Length && symbol.EndsWith(quote, StringComparison.Ordinal))
            {
                return symbol[..^quote.Length];
            }
        }

        return symbol;
    }

    /// <summary>The <c>crypto_prices</c> (Binance) symbol of a Core symbol: "BTC" → "btcusdt".</summary>
    public static string ToRtdsSymbol(string referenceSymbol) => referenceSymbol.Trim().ToLowerInvariant() + "usdt";

    private static void Add(JsonElement message, List<ReferencePriceEvent> events)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("topic", out var topic) || topic.ValueKind != JsonValueKind.String
            || topic.GetString() is not (CryptoPrices or CryptoPricesChainlink)
            || !message.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("symbol", out var symbol) || symbol.ValueKind != JsonValueKind.String)
        {
            return;
        }

        // Prefer the exact decimal string over the float value (RTDS / PolyBolt docs).
        decimal? price = payload.TryGetProperty("full_accuracy_value", out var exact) && exact.ValueKind == JsonValueKind.String
            && decimal.TryParse(exact.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : payload.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                    ? number
                    : null;
        if (price is not { } p || p <= 0m)
        {
            return;
        }

        var millis = Millis(payload) ?? Millis(message);
        if (millis is not { } ms || ms < 0 || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return;
        }

        events.Add(new ReferencePriceEvent(ToReferenceSymbol(symbol.GetString()!), p, DateTimeOffset.FromUnixTimeMilliseconds(ms)));
    }

    private static long? Millis(JsonElement e) =>
        e.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms) ? ms : null;
}
