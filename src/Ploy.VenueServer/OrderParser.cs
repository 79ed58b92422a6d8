using System.Globalization;
using System.Text.Json;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Orders;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.VenueServer;

/// <summary>
/// Reads the V2 <c>POST /order</c> body (protocol reference §10.6). Lenient where the official clients differ (numbers
/// as strings or numbers, side as "BUY"/"SELL" or 0/1), strict where the signature depends on the value.
/// </summary>
internal static class OrderParser
{
    public static bool TryParse(JsonElement body, out OrderRequest? request, out string error)
    {
        request = null;
        error = string.Empty;
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("order", out var order) || order.ValueKind != JsonValueKind.Object)
        {
            error = "Invalid order payload";
            return false;
        }

        try
        {
            var side = ReadSide(order.GetProperty("side"));
            var signatureType = (PolymarketSignatureType)ReadULong(order.GetProperty("signatureType"));
            if (!Enum.IsDefined(signatureType))
            {
                error = "invalid signature type";
                return false;
            }

            var tokenId = ReadString(order, "tokenId");
            if (tokenId.Length == 0 || !tokenId.All(char.IsAsciiDigit))
            {
                error = "Invalid token id";
                return false;
            }

            var parsed = new PolymarketOrder(
                ReadULong(order.GetProperty("salt")),
                ReadAddress(order, "maker"),
                ReadAddress(order, "signer"),
                tokenId,
                ReadULong(order.GetProperty("makerAmount")),
                ReadULong(order.GetProperty("takerAmount")),
                side,
                signatureType,
                ReadULong(order.GetProperty("timestamp")),
                order.TryGetProperty("expiration", out var exp) ? ReadULong(exp) : 0,
                ReadBytes32(order, "metadata"),
                ReadBytes32(order, "builder"));
            var type = ReadOrderType(body.TryGetProperty("orderType", out var t) ? t.GetString() : "GTC");
            if (type is null)
            {
                error = "invalid order type";
                return false;
            }

            request = new OrderRequest(
                parsed,
                ReadString(order, "signature"),
                body.TryGetProperty("owner", out var owner) ? owner.GetString() ?? string.Empty : string.Empty,
                type.Value,
                body.TryGetProperty("postOnly", out var postOnly) && postOnly.ValueKind == JsonValueKind.True,
                body.TryGetProperty("deferExec", out var defer) && defer.ValueKind == JsonValueKind.True);
            return true;
        }
        catch (Exception ex) when (ex is KeyNotFoundException or FormatException or InvalidOperationException or OverflowException)
        {
            error = "Invalid order payload: " + ex.Message;
            return false;
        }
    }

    private static OrderType? ReadOrderType(string? text) => text switch
    {
        "GTC" => OrderType.Gtc,
        "GTD" => OrderType.Gtd,
        "FOK" => OrderType.Fok,
        "FAK" => OrderType.Fak,
        _ => null,
    };

    private static Side ReadSide(JsonElement side) => side.ValueKind switch
    {
        JsonValueKind.String when side.GetString() == "BUY" => Side.Buy,
        JsonValueKind.String when side.GetString() == "SELL" => Side.Sell,
        JsonValueKind.Number when side.GetInt32() is 0 or 1 => (Side)side.GetInt32(),
        _ => throw new FormatException("side must be BUY or SELL"),
    };

    private static ulong ReadULong(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetUInt64(),
        JsonValueKind.String => ulong.Parse(value.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture),
        _ => throw new FormatException("expected an unsigned integer"),
    };

    private static string ReadString(JsonElement parent, string name) =>
        parent.GetProperty(name).GetString() ?? throw new FormatException($"{name} is required");

    private static string ReadAddress(JsonElement parent, string name)
    {
        var text = ReadString(parent, name);
        Span<byte> bytes = stackalloc byte[20];
        PolymarketHex.Decode(text, bytes);
        return text;
    }

    private static string ReadBytes32(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return PolymarketOrder.ZeroBytes32;
        }

        var text = value.GetString() ?? PolymarketOrder.ZeroBytes32;
        Span<byte> bytes = stackalloc byte[32];
        PolymarketHex.Decode(text, bytes);
        return text;
    }
}
