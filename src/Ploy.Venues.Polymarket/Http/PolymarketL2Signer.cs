using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Http;

/// <summary>
/// L2 HMAC-SHA256 (protocol reference §3.2): over <c>timestamp + METHOD + path + body</c> (the path without the
/// query string, the body as the exact bytes sent), keyed by the base64url-decoded secret, output base64url with
/// padding kept. The secret is decoded once and keys one MAC context reused for every request (on OpenSSL's SHA-256 when
/// libcrypto is there, else .NET's HMAC); signing allocates only the result string.
/// </summary>
public sealed class PolymarketL2Signer : IDisposable
{
    /// <summary>Length of the encoded signature (32 bytes in base64 with padding).</summary>
    public const int SignatureLength = 44;

    private readonly PolymarketApiCredentials _credentials;
    private readonly IHmacSha256 _hmac;
    private readonly Lock _hmacLock = new();

    /// <summary>Keys the signer; <paramref name="backend"/> Managed forces .NET's HMAC (null: the fastest available).</summary>
    public PolymarketL2Signer(PolymarketApiCredentials credentials, string address, PolymarketSigningBackend? backend = null)
    {
        _credentials = credentials;
        Address = address;
        var key = DecodeSecret(credentials.Secret);
        try
        {
            _hmac = (backend ?? PolymarketSigningBackend.Native) == PolymarketSigningBackend.Native
                ? OpenSslHmacSha256.TryCreate(key) ?? (IHmacSha256)new IncrementalHmacSha256(key)
                : new IncrementalHmacSha256(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Native when the HMAC runs on OpenSSL's SHA-256 directly, Managed for .NET's HMAC.</summary>
    public PolymarketSigningBackend Backend => _hmac.Backend;

    /// <summary>POLY_ADDRESS: the signing EOA, even for proxy, Safe and deposit-wallet orders.</summary>
    public string Address { get; }

    /// <summary>Signs into <paramref name="destination"/> (≥ 44 chars); returns the characters written.</summary>
    public int Sign(long timestampSeconds, ReadOnlySpan<char> method, ReadOnlySpan<char> requestPath, ReadOnlySpan<byte> body, Span<char> destination)
    {
        if (destination.Length < SignatureLength)
        {
            throw new ArgumentException("The destination needs 44 characters.", nameof(destination));
        }

        // The body is appended straight from the caller's buffer: only timestamp + method + path are copied.
        var length = 20 + Encoding.UTF8.GetMaxByteCount(method.Length + requestPath.Length);
        byte[]? rented = null;
        var prefix = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            timestampSeconds.TryFormat(prefix, out var written, default, CultureInfo.InvariantCulture);
            written += Encoding.UTF8.GetBytes(method, prefix[written..]);
            written += Encoding.UTF8.GetBytes(requestPath, prefix[written..]);

            Span<byte> mac = stackalloc byte[32];
            lock (_hmacLock)
            {
                _hmac.Compute(prefix[..written], body, mac);
            }

            // base64url as the client writes it: the URL alphabet with the padding kept.
            Base64Url.EncodeToChars(mac, destination, out _, out var chars);
            destination[chars] = '=';
            return SignatureLength;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The POLY_SIGNATURE value.</summary>
    public string Sign(long timestampSeconds, string method, string requestPath, ReadOnlySpan<byte> body)
    {
        Span<char> signature = stackalloc char[SignatureLength];
        var written = Sign(timestampSeconds, method, requestPath, body, signature);
        return new string(signature[..written]);
    }

    /// <summary>The POLY_SIGNATURE value for a string body (UTF-8, as sent).</summary>
    public string Sign(long timestampSeconds, string method, string requestPath, string? body) =>
        Sign(timestampSeconds, method, requestPath, body is null ? [] : Encoding.UTF8.GetBytes(body));

    /// <summary>The five L2 headers for one request; <paramref name="body"/> must be the exact bytes sent.</summary>
    public PolymarketL2Headers CreateHeaders(long timestampSeconds, string method, string requestPath, ReadOnlySpan<byte> body) =>
        new(Address, Sign(timestampSeconds, method, requestPath, body), timestampSeconds.ToString(CultureInfo.InvariantCulture),
            _credentials.Key, _credentials.Passphrase);

    /// <summary>Same, with the time from <paramref name="time"/>.</summary>
    public PolymarketL2Headers CreateHeaders(TimeProvider time, string method, string requestPath, ReadOnlySpan<byte> body) =>
        CreateHeaders(time.GetUtcNow().ToUnixTimeSeconds(), method, requestPath, body);

    public void Dispose() => _hmac.Dispose();

    public override string ToString() => $"PolymarketL2Signer({Address}, key {_credentials.Key})";

    /// <summary>base64url → standard, drop foreign characters, pad, decode (the client's <c>atob</c> path).</summary>
    internal static byte[] DecodeSecret(string secret)
    {
        var builder = new StringBuilder(secret.Length + 3);
        foreach (var c in secret)
        {
            var mapped = c switch
            {
                '-' => '+',
                '_' => '/',
                _ => c,
            };
            if (char.IsAsciiLetterOrDigit(mapped) || mapped is '+' or '/')
            {
                builder.Append(mapped);
            }
        }

        while (builder.Length % 4 != 0)
        {
            builder.Append('=');
        }

        try
        {
            return Convert.FromBase64String(builder.ToString());
        }
        catch (FormatException)
        {
            // Never quote the secret.
            throw new FormatException("The API secret is not base64.");
        }
    }
}
