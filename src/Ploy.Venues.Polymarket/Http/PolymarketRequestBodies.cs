using System.Buffers;
using System.Globalization;
using System.Text;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Orders;

namespace Ploy.Venues.Polymarket.Http;

/// <summary>
/// Request bodies byte-identical to the reference client's <c>JSON.stringify</c>: keys in its insertion order, no
/// whitespace, non-ASCII written raw (System.Text.Json's encoders escape it, which would change the HMAC).
/// </summary>
public static class PolymarketRequestBodies
{
    /// <summary>Most orders one <c>POST /orders</c> accepts.</summary>
    public const int MaxBatchSize = 15;

    /// <summary>The V2 <c>POST /order</c> body (protocol reference §10.6).</summary>
    public static byte[] Order(PolymarketSignedOrder order, string owner, OrderType orderType, bool postOnly = false, bool deferExec = false)
    {
        var writer = new ArrayBufferWriter<byte>(1024);
        WriteOrder(writer, order, owner, orderType, postOnly, deferExec);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The V2 <c>POST /orders</c> body. Venue quirk: the V2 client applies one postOnly/deferExec to every element
    /// (conformance v2/l2_hmac.json pub-v2-l2-02); V1 allowed one per element.
    /// </summary>
    public static byte[] Orders(IReadOnlyList<(PolymarketSignedOrder Order, OrderType Type)> orders, string owner, bool postOnly = false, bool deferExec = false)
    {
        if (orders.Count is 0 or > MaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(orders), orders.Count, "A batch holds 1 to 15 orders.");
        }

        var writer = new ArrayBufferWriter<byte>(1024 * orders.Count);
        WriteAscii(writer, "[");
        for (var i = 0; i < orders.Count; i++)
        {
            if (i > 0)
            {
                WriteAscii(writer, ",");
            }

            WriteOrder(writer, orders[i].Order, owner, orders[i].Type, postOnly, deferExec);
        }

        WriteAscii(writer, "]");
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one order object into <paramref name="writer"/>.</summary>
    public static void WriteOrder(IBufferWriter<byte> writer, PolymarketSignedOrder signedOrder, string owner, OrderType orderType, bool postOnly, bool deferExec)
    {
        if (postOnly && orderType is OrderType.Fok or OrderType.Fak)
        {
            throw new ArgumentException("postOnly is only allowed with GTC and GTD.", nameof(postOnly));
        }

        var order = signedOrder.Order;
        WriteAscii(writer, deferExec ? "{\"deferExec\":true" : "{\"deferExec\":false");
        WriteAscii(writer, postOnly ? ",\"postOnly\":true" : ",\"postOnly\":false");
        WriteAscii(writer, ",\"order\":{\"salt\":");
        WriteNumber(writer, order.Salt);
        WriteAscii(writer, ",\"maker\":");
        WriteString(writer, order.Maker);
        WriteAscii(writer, ",\"signer\":");
        WriteString(writer, order.Signer);
        WriteAscii(writer, ",\"tokenId\":");
        WriteString(writer, order.TokenId);
        WriteAscii(writer, ",\"makerAmount\":\"");
        WriteNumber(writer, order.MakerAmount);
        WriteAscii(writer, "\",\"takerAmount\":\"");
        WriteNumber(writer, order.TakerAmount);
        WriteAscii(writer, order.Side == Side.Buy ? "\",\"side\":\"BUY\",\"signatureType\":" : "\",\"side\":\"SELL\",\"signatureType\":");
        WriteNumber(writer, (ulong)order.SignatureType);
        WriteAscii(writer, ",\"timestamp\":\"");
        WriteNumber(writer, order.TimestampMs);
        WriteAscii(writer, "\",\"expiration\":\"");
        WriteNumber(writer, order.Expiration);
        WriteAscii(writer, "\",\"metadata\":");
        WriteString(writer, order.Metadata);
        WriteAscii(writer, ",\"builder\":");
        WriteString(writer, order.Builder);
        WriteAscii(writer, ",\"signature\":");
        WriteString(writer, signedOrder.Signature);
        WriteAscii(writer, "},\"owner\":");
        WriteString(writer, owner);
        WriteAscii(writer, ",\"orderType\":\"");
        WriteAscii(writer, OrderTypeName(orderType));
        WriteAscii(writer, "\"}");
    }

    /// <summary><c>DELETE /order</c>: <c>{"orderID":"0x…"}</c> (the TS client's key spelling).</summary>
    public static byte[] CancelOrder(VenueOrderId order)
    {
        var writer = new ArrayBufferWriter<byte>(96);
        WriteAscii(writer, "{\"orderID\":");
        WriteString(writer, order.Value);
        WriteAscii(writer, "}");
        return writer.WrittenSpan.ToArray();
    }

    /// <summary><c>DELETE /orders</c>: a JSON array of order ids.</summary>
    public static byte[] CancelOrders(IReadOnlyList<VenueOrderId> orders)
    {
        var writer = new ArrayBufferWriter<byte>(70 * Math.Max(1, orders.Count));
        WriteAscii(writer, "[");
        for (var i = 0; i < orders.Count; i++)
        {
            if (i > 0)
            {
                WriteAscii(writer, ",");
            }

            WriteString(writer, orders[i].Value);
        }

        WriteAscii(writer, "]");
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <c>POST /v1/heartbeats</c>. Venue quirk: the V2 client starts a chain with <c>""</c> where V1 sent null
    /// (conformance v2/l2_hmac.json pub-v2-l2-03).
    /// </summary>
    public static byte[] Heartbeat(string? previousHeartbeatId)
    {
        var writer = new ArrayBufferWriter<byte>(64);
        WriteAscii(writer, "{\"heartbeat_id\":");
        WriteString(writer, previousHeartbeatId ?? string.Empty);
        WriteAscii(writer, "}");
        return writer.WrittenSpan.ToArray();
    }

    public static string OrderTypeName(OrderType orderType) => orderType switch
    {
        OrderType.Gtc => "GTC",
        OrderType.Gtd => "GTD",
        OrderType.Fok => "FOK",
        OrderType.Fak => "FAK",
        _ => throw new ArgumentOutOfRangeException(nameof(orderType), orderType, null),
    };

    private static void WriteAscii(IBufferWriter<byte> writer, string text)
    {
        var span = writer.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        writer.Advance(text.Length);
    }

    private static void WriteNumber(IBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        writer.Advance(written);
    }

    // JSON.stringify's escaping: quote, backslash and control characters; everything else raw UTF-8.
    private static void WriteString(IBufferWriter<byte> writer, string value)
    {
        var span = writer.GetSpan((value.Length * 6) + 2);
        var n = 0;
        span[n++] = (byte)'"';
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)'"';
                    break;
                case '\\':
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)'\\';
                    break;
                case '\b':
                    n += WriteEscape(span[n..], 'b');
                    break;
                case '\f':
                    n += WriteEscape(span[n..], 'f');
                    break;
                case '\n':
                    n += WriteEscape(span[n..], 'n');
                    break;
                case '\r':
                    n += WriteEscape(span[n..], 'r');
                    break;
                case '\t':
                    n += WriteEscape(span[n..], 't');
                    break;
                case < ' ':
                    n += WriteUnicodeEscape(span[n..], c);
                    break;
                case < (char)0x80:
                    span[n++] = (byte)c;
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        n += Encoding.UTF8.GetBytes(value.AsSpan(i, 2), span[n..]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // Well-formed JSON.stringify escapes lone surrogates.
                        n += WriteUnicodeEscape(span[n..], c);
                    }
                    else
                    {
                        n += Encoding.UTF8.GetBytes(value.AsSpan(i, 1), span[n..]);
                    }

                    break;
            }
        }

        span[n++] = (byte)'"';
        writer.Advance(n);
    }

    private static int WriteEscape(Span<byte> span, char code)
    {
        span[0] = (byte)'\\';
        span[1] = (byte)code;
        return 2;
    }

    private static int WriteUnicodeEscape(Span<byte> span, char c)
    {
        span[0] = (byte)'\\';
        span[1] = (byte)'u';
        ((int)c).TryFormat(span[2..], out _, "x4", CultureInfo.InvariantCulture);
        return 6;
    }
}
