using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Ploy.Core.Primitives;

namespace Ploy.Venues.Polymarket.Parsing;

/// <summary>
/// Parses market-channel frames straight from the received UTF-8 bytes with <see cref="Utf8JsonReader"/>: a frame is one
/// message or a JSON array of them (protocol reference §7). Token ids resolve through <see cref="ResolveToken"/> so the
/// book path builds no strings; unknown fields are skipped deliberately (best_bid/best_ask of changes are read, the
/// rest — <c>spread</c>, <c>fee_rate_bps</c>, new_market/market_resolved payloads — are not used).
/// </summary>
internal sealed class PolymarketMarketMessageReader
{
    private readonly PolymarketMarketMessage _message = new();
    private readonly Func<ReadOnlySpan<char>, TokenId?> _known;
    private string? _lastMarket;

    /// <param name="known">Looks up a token id among the subscribed ones without allocating; null when unknown.</param>
    public PolymarketMarketMessageReader(Func<ReadOnlySpan<char>, TokenId?> known) => _known = known;

    /// <summary>Parses a frame and calls <paramref name="onMessage"/> once per message. Throws <see cref="JsonException"/>/<see cref="FormatException"/> on malformed input.</summary>
    public void Read(ReadOnlySpan<byte> frame, Action<PolymarketMarketMessage> onMessage)
    {
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read())
        {
            return;
        }

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                ReadMessage(ref reader);
                onMessage(_message);
            }
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadMessage(ref reader);
            onMessage(_message);
        }
        else
        {
            throw new JsonException("A market frame is an object or an array of objects.");
        }
    }

    /// <summary>The token of a UTF-8 asset id: a subscribed one without allocating, else a new id.</summary>
    public TokenId ResolveToken(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[128];
        if (utf8.Length <= chars.Length)
        {
            var count = Encoding.UTF8.GetChars(utf8, chars);
            if (_known(chars[..count]) is { } token)
            {
                return token;
            }

            return new TokenId(new string(chars[..count]));
        }

        return new TokenId(Encoding.UTF8.GetString(utf8));
    }

    private void ReadMessage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A market message is a JSON object.");
        }

        var m = _message;
        m.Reset();
        // Old price_change schema (before 2025-09-15): asset_id and hash at the top, changes[] without them.
        var legacyChangesStart = -1;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Expected a property name.");
            }

            if (reader.ValueTextEquals("event_type"u8))
            {
                reader.Read();
                m.Kind = Kind(ref reader);
            }
            else if (reader.ValueTextEquals("asset_id"u8))
            {
                reader.Read();
                m.Token = ResolveToken(Span(ref reader));
            }
            else if (reader.ValueTextEquals("market"u8))
            {
                reader.Read();
                // Only a snapshot needs the condition id (for its hash); deltas skip it. "market" usually precedes
                // "event_type", so the kind is often still unknown here: reuse the last string when the bytes match,
                // which they do for every frame of a subscribed market, so the delta path stays allocation-free.
                if (reader.TokenType == JsonTokenType.String && m.Kind is PolymarketMarketMessageKind.Book or PolymarketMarketMessageKind.Unknown)
                {
                    if (_lastMarket is null || !reader.ValueTextEquals(_lastMarket))
                    {
                        _lastMarket = reader.GetString();
                    }

                    m.Market = _lastMarket;
                }
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                m.TimestampMs = Long(ref reader);
            }
            else if (reader.ValueTextEquals("bids"u8) || reader.ValueTextEquals("buys"u8))
            {
                reader.Read();
                Levels(ref reader, m.Bids);
            }
            else if (reader.ValueTextEquals("asks"u8) || reader.ValueTextEquals("sells"u8))
            {
                reader.Read();
                Levels(ref reader, m.Asks);
            }
            else if (reader.ValueTextEquals("price_changes"u8))
            {
                reader.Read();
                Changes(ref reader, m.Changes, legacy: false);
            }
            else if (reader.ValueTextEquals("changes"u8))
            {
                reader.Read();
                legacyChangesStart = m.Changes.Count;
                Changes(ref reader, m.Changes, legacy: true);
            }
            else if (reader.ValueTextEquals("hash"u8))
            {
                reader.Read();
                m.Hash.Set(Span(ref reader));
            }
            else if (reader.ValueTextEquals("min_order_size"u8))
            {
                reader.Read();
                m.MinOrderSize = Decimal(ref reader);
            }
            else if (reader.ValueTextEquals("tick_size"u8))
            {
                reader.Read();
                m.TickSize = Decimal(ref reader);
            }
            else if (reader.ValueTextEquals("neg_risk"u8))
            {
                reader.Read();
                m.NegRisk = reader.TokenType is JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("last_trade_price"u8))
            {
                reader.Read();
                m.HasLastTradePriceField = true;
                m.LastTradePrice = OptionalDecimal(ref reader) ?? 0m;
            }
            else if (reader.ValueTextEquals("old_tick_size"u8))
            {
                reader.Read();
                m.OldTickSize = Decimal(ref reader);
            }
            else if (reader.ValueTextEquals("new_tick_size"u8))
            {
                reader.Read();
                m.NewTickSize = Decimal(ref reader);
            }
            else if (reader.ValueTextEquals("price"u8))
            {
                reader.Read();
                m.Price = Decimal(ref reader);
            }
            else if (reader.ValueTextEquals("size"u8))
            {
                reader.Read();
                m.Size = Decimal(ref reader);
            }
            else if (reader.ValueTextEquals("side"u8))
            {
                reader.Read();
                m.Side = SideOf(ref reader);
            }
            else if (reader.ValueTextEquals("best_bid"u8))
            {
                reader.Read();
                m.BestBid = OptionalDecimal(ref reader) ?? 0m;
            }
            else if (reader.ValueTextEquals("best_ask"u8))
            {
                reader.Read();
                m.BestAsk = OptionalDecimal(ref reader) ?? 0m;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (legacyChangesStart >= 0)
        {
            var changes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(m.Changes);
            for (var i = legacyChangesStart; i < changes.Length; i++)
            {
                changes[i].Token = m.Token;
                changes[i].Hash = m.Hash;
            }
        }
    }

    private void Changes(ref Utf8JsonReader reader, List<PolymarketLevelChange> changes, bool legacy)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartObject);
            var change = default(PolymarketLevelChange);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("asset_id"u8) && !legacy)
                {
                    reader.Read();
                    change.Token = ResolveToken(Span(ref reader));
                }
                else if (reader.ValueTextEquals("price"u8))
                {
                    reader.Read();
                    change.Price = Decimal(ref reader);
                }
                else if (reader.ValueTextEquals("size"u8))
                {
                    reader.Read();
                    change.Size = Decimal(ref reader);
                }
                else if (reader.ValueTextEquals("side"u8))
                {
                    reader.Read();
                    change.Side = SideOf(ref reader);
                }
                else if (reader.ValueTextEquals("hash"u8))
                {
                    reader.Read();
                    change.Hash.Set(Span(ref reader));
                }
                else
                {
                    // best_bid / best_ask per change: derivable from the book; skipped deliberately.
                    reader.Read();
                    reader.Skip();
                }
            }

            changes.Add(change);
        }
    }

    private static void Levels(ref Utf8JsonReader reader, List<(decimal Price, decimal Size)> levels)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartObject);
            decimal price = 0m, size = 0m;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("price"u8))
                {
                    reader.Read();
                    price = Decimal(ref reader);
                }
                else if (reader.ValueTextEquals("size"u8))
                {
                    reader.Read();
                    size = Decimal(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            levels.Add((price, size));
        }
    }

    private static PolymarketMarketMessageKind Kind(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("book"u8) ? PolymarketMarketMessageKind.Book
        : reader.ValueTextEquals("price_change"u8) ? PolymarketMarketMessageKind.PriceChange
        : reader.ValueTextEquals("tick_size_change"u8) ? PolymarketMarketMessageKind.TickSizeChange
        : reader.ValueTextEquals("last_trade_price"u8) ? PolymarketMarketMessageKind.LastTradePrice
        : reader.ValueTextEquals("best_bid_ask"u8) ? PolymarketMarketMessageKind.BestBidAsk
        : reader.ValueTextEquals("new_market"u8) ? PolymarketMarketMessageKind.NewMarket
        : reader.ValueTextEquals("market_resolved"u8) ? PolymarketMarketMessageKind.MarketResolved
        : PolymarketMarketMessageKind.Unknown;

    private static Side SideOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("BUY"u8) || reader.ValueTextEquals("buy"u8) ? Side.Buy
        : reader.ValueTextEquals("SELL"u8) || reader.ValueTextEquals("sell"u8) ? Side.Sell
        : throw new FormatException("side must be BUY or SELL");

    private static ReadOnlySpan<byte> Span(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            throw new JsonException($"Expected a string, found {reader.TokenType}.");
        }

        // Venue values are plain ASCII; an escaped string would need unescaping and is refused.
        return reader.HasValueSequence || reader.ValueIsEscaped ? throw new JsonException("Escaped or segmented value.") : reader.ValueSpan;
    }

    private static decimal Decimal(ref Utf8JsonReader reader) =>
        OptionalDecimal(ref reader) ?? throw new FormatException("Expected a decimal.");

    private static decimal? OptionalDecimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var span = Span(ref reader);
        if (span.IsEmpty)
        {
            return null;
        }

        return PolymarketDecimal.TryParse(span, out var value) ? value : throw new FormatException("Not a decimal string.");
    }

    private static long Long(ref Utf8JsonReader reader)
    {
        var span = Span(ref reader);
        return Utf8Parser.TryParse(span, out long value, out var consumed) && consumed == span.Length ? value : 0;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type}, found {reader.TokenType}.");
        }
    }
}
