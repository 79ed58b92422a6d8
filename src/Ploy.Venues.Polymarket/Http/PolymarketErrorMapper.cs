using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Models;

namespace Ploy.Venues.Polymarket.Http;

/// <summary>
/// HTTP answers to <see cref="VenueError"/> kinds (protocol reference §9, venue-and-users.md §0.1). A Cloudflare 403 is
/// Blocked, never an order reject; 425 (engine restart) and 503 (cancel-only / post-only) are VenueUnavailable.
/// </summary>
public static class PolymarketErrorMapper
{
    private const int MaxMessage = 300;

    /// <summary>The error for a non-success status; <paramref name="body"/> is the raw response body.</summary>
    public static VenueError Map(HttpStatusCode status, HttpResponseHeaders? headers, ReadOnlySpan<byte> body, TimeProvider time)
    {
        var code = (int)status;
        var retryAfter = RetryAfter(headers, time);
        var message = Message(body);
        var described = $"HTTP {code}: {message}";
        switch (code)
        {
            case 401:
                return new VenueError(VenueErrorKind.Unauthorized, described, IsTransient: false);
            case 403:
                // Venue quirk: Cloudflare answers 403 with an HTML page and cf-* headers for blocked IPs and regions
                // (py-clob-client#143, #111). The order never reached the matching engine.
                var cloudflare = LooksLikeHtml(body) || HasCloudflareHeaders(headers);
                return new VenueError(VenueErrorKind.Blocked, cloudflare ? $"HTTP 403 (Cloudflare block): {message}" : described, IsTransient: false, retryAfter);
            case 404:
                return new VenueError(VenueErrorKind.NotFound, described, IsTransient: false);
            case 425:
                // Venue quirk: the matching engine restarts weekly for ~90 s and answers 425 meanwhile (venue-and-users.md §0.1).
                return new VenueError(VenueErrorKind.VenueUnavailable, "matching engine restarting (425): " + message, IsTransient: true, retryAfter);
            case 429:
                return new VenueError(VenueErrorKind.RateLimited, described, IsTransient: true, retryAfter ?? TimeSpan.FromSeconds(1));
            case 503:
                // Venue quirk: 503 "Trading is currently disabled… / cancel-only / post-only" (protocol reference §9).
                return new VenueError(VenueErrorKind.VenueUnavailable, described, IsTransient: true, retryAfter);
            case >= 400 and < 500:
                return new VenueError(IsInsufficientBalance(message) ? VenueErrorKind.InsufficientBalance : VenueErrorKind.Rejected, described, IsTransient: false);
            default:
                return new VenueError(VenueErrorKind.Transport, described, IsTransient: true, retryAfter);
        }
    }

    /// <summary>An order-level reject (<c>success:false</c> or 400): InsufficientBalance or Rejected.</summary>
    public static VenueError OrderReject(string? message)
    {
        var text = string.IsNullOrEmpty(message) ? "order rejected" : message;
        return new VenueError(IsInsufficientBalance(text) ? VenueErrorKind.InsufficientBalance : VenueErrorKind.Rejected, text, IsTransient: false);
    }

    public static bool IsInsufficientBalance(string? message) =>
        message is not null
        && (message.Contains("not enough balance", StringComparison.OrdinalIgnoreCase)
            || message.Contains("NOT_ENOUGH_BALANCE", StringComparison.OrdinalIgnoreCase)
            || message.Contains("insufficient balance", StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>error</c> / <c>errorMsg</c> of a JSON body, else the start of the text (HTML is summarised, never echoed in full).</summary>
    public static string Message(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return "(empty body)";
        }

        if (LooksLikeHtml(body))
        {
            return "(HTML body)";
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, PolymarketJsonContext.Default.PolymarketErrorBody);
            var text = error?.ErrorMsg is { Length: > 0 } msg ? msg : error?.Error;
            if (!string.IsNullOrEmpty(text))
            {
                return Trim(text);
            }
        }
        catch (JsonException)
        {
            // Not the error shape: a bare string or text.
        }

        return Trim(Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxMessage)]).Trim('"'));
    }

    public static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] == (byte)'<';
    }

    private static bool HasCloudflareHeaders(HttpResponseHeaders? headers) =>
        headers is not null
        && (headers.Contains("cf-ray") || headers.Contains("cf-mitigated")
            || (headers.Server.Count > 0 && headers.Server.ToString().Contains("cloudflare", StringComparison.OrdinalIgnoreCase)));

    private static TimeSpan? RetryAfter(HttpResponseHeaders? headers, TimeProvider time)
    {
        var value = headers?.RetryAfter;
        if (value?.Delta is { } delta)
        {
            return delta;
        }

        if (value?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static string Trim(string text) => text.Length <= MaxMessage ? text : text[..MaxMessage] + "…";
}
