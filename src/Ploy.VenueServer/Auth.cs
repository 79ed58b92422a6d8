using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.VenueServer;

/// <summary>L1 (EIP-712 <c>ClobAuth</c>) and L2 (HMAC-SHA256) request authentication (protocol reference §3).</summary>
internal static class Auth
{
    /// <summary>The verified L1 signer and nonce, or null with the reason in <paramref name="error"/>.</summary>
    public static (string Address, ulong Nonce)? VerifyL1(HttpRequest request, VenueCore core, out string error)
    {
        error = "Invalid L1 Request headers";
        var address = Header(request, PolymarketL2Headers.AddressHeader);
        var signature = Header(request, PolymarketL2Headers.SignatureHeader);
        var timestamp = Header(request, PolymarketL2Headers.TimestampHeader);
        var nonceText = Header(request, PolymarketL1Headers.NonceHeader) ?? "0";
        if (address is null || signature is null || timestamp is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !ulong.TryParse(nonceText, NumberStyles.None, CultureInfo.InvariantCulture, out var nonce))
        {
            return null;
        }

        var now = core.Wall.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > core.Options.L1Window.TotalSeconds)
        {
            error = "Invalid L1 Request headers: timestamp outside the allowed window";
            return null;
        }

        try
        {
            var digest = PolymarketL1Auth.Digest(core.Options.ChainId, address, seconds, nonce);
            var recovered = PolymarketSigner.RecoverAddress(digest, PolymarketHex.Decode(signature));
            if (recovered is null || !PolymarketAddress.AreEqual(recovered, address))
            {
                error = "Invalid L1 Request headers: signature does not match POLY_ADDRESS";
                return null;
            }

            return (recovered, nonce);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Reads the body and checks the five L2 headers; null (with a reason) when the request is not authentic.</summary>
    public static async Task<(ApiKeyRecord? Key, byte[] Body, string Error)> VerifyL2Async(HttpContext context, VenueCore core)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var request = context.Request;
        var apiKey = Header(request, PolymarketL2Headers.ApiKeyHeader);
        var passphrase = Header(request, PolymarketL2Headers.PassphraseHeader);
        var timestamp = Header(request, PolymarketL2Headers.TimestampHeader);
        var signature = Header(request, PolymarketL2Headers.SignatureHeader);
        var address = Header(request, PolymarketL2Headers.AddressHeader);
        if (apiKey is null || passphrase is null || timestamp is null || signature is null || address is null)
        {
            return (null, body, "Unauthorized/Invalid api key");
        }

        var key = core.FindKey(apiKey);
        if (key is null || !FixedEquals(key.Passphrase, passphrase))
        {
            return (null, body, "Unauthorized/Invalid api key");
        }

        if (!PolymarketAddress.AreEqual(key.Address, address))
        {
            return (null, body, "Unauthorized/Invalid api key: POLY_ADDRESS does not own the api key");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(core.Wall.GetUtcNow().ToUnixTimeSeconds() - seconds) > core.Options.L2Window.TotalSeconds)
        {
            return (null, body, "Unauthorized/Invalid api key: request expired");
        }

        using var signer = new PolymarketL2Signer(key.Credentials, key.Address);
        var expected = signer.Sign(seconds, request.Method, request.PathBase.Add(request.Path).Value ?? "/", body);
        return FixedEquals(expected, signature) ? (key, body, string.Empty) : (null, body, "Unauthorized/Invalid api key: invalid signature");
    }

    public static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    public static void LogRefused(ILogger logger, HttpRequest request, string reason) =>
        Log.L2Refused(logger, request.Method, request.Path.Value ?? "/", reason);
}
