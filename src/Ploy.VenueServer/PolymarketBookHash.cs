using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ploy.VenueServer;

/// <summary>
/// The book summary as the venue serves it, and its hash the venue's way (protocol reference §2.1, §7;
/// py-clob-client <c>generate_orderbook_summary_hash</c>): SHA-1, lower-case hex, over the compact JSON of the
/// summary with <c>hash</c> set to <c>""</c>, keys in the order served. Every value is a string or a boolean, so
/// <c>JSON.stringify(JSON.parse(body))</c> with the hash blanked reproduces exactly the bytes hashed here — the
/// official client's <c>getOrderBookHash</c> agrees.
/// </summary>
public static class PolymarketBookHash
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The hash of a summary (its own <c>hash</c> is ignored).</summary>
    public static string Compute(PolymarketBookSummary book)
    {
        var json = Serialize(book, hashOverride: string.Empty, eventType: null);
#pragma warning disable CA5350 // The venue defines its book hash as SHA-1; this is an integrity checksum, not security.
        return Convert.ToHexStringLower(SHA1.HashData(json));
#pragma warning restore CA5350
    }

    /// <summary>The hash of an already serialised summary: re-serialises it compactly with <c>hash</c> = "" (what a client does).</summary>
    public static string ComputeFromJson(ReadOnlySpan<byte> summaryJson)
    {
        using var document = JsonDocument.Parse(summaryJson.ToArray());
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("hash"))
                {
                    writer.WriteString("hash", string.Empty);
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

#pragma warning disable CA5350 // As above: the venue's own checksum algorithm.
        return Convert.ToHexStringLower(SHA1.HashData(buffer.WrittenSpan));
#pragma warning restore CA5350
    }

    /// <summary>The summary with its hash filled in, as <c>GET /book</c> serves it.</summary>
    public static byte[] Serialize(PolymarketBookSummary book) => Serialize(book, Compute(book), eventType: null);

    /// <summary>Writes the summary's fields (without the enclosing braces' owner) into an open object.</summary>
    internal static void WriteFields(Utf8JsonWriter writer, PolymarketBookSummary book, string hash)
    {
        writer.WriteString("market", book.Market);
        writer.WriteString("asset_id", book.AssetId);
        writer.WriteString("timestamp", book.Timestamp);
        WriteLevels(writer, "bids", book.Bids);
        WriteLevels(writer, "asks", book.Asks);
        writer.WriteString("min_order_size", book.MinOrderSize);
        writer.WriteString("tick_size", book.TickSize);
        writer.WriteBoolean("neg_risk", book.NegRisk);
        writer.WriteString("last_trade_price", book.LastTradePrice);
        writer.WriteString("hash", hash);
    }

    internal static byte[] Serialize(PolymarketBookSummary book, string hashOverride, string? eventType)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (eventType is not null)
            {
                writer.WriteString("event_type", eventType);
            }

            WriteFields(writer, book, hashOverride);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteLevels(Utf8JsonWriter writer, string name, IReadOnlyList<PolymarketBookLevel> levels)
    {
        writer.WriteStartArray(name);
        foreach (var level in levels)
        {
            writer.WriteStartObject();
            writer.WriteString("price", level.Price);
            writer.WriteString("size", level.Size);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
