namespace Ploy.Venues.Polymarket.Http;

/// <summary>How the REST client talks to the CLOB: where, how long it waits, how reads retry, how fast it may go.</summary>
public sealed record PolymarketClobClientOptions
{
    /// <summary>The CLOB base address, e.g. https://clob.polymarket.com or http://127.0.0.1:8090 for <c>ploy venue</c>.</summary>
    public Uri BaseAddress { get; init; } = new("https://clob.polymarket.com/");

    /// <summary>Per attempt. An order POST that times out is an unknown outcome, never retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra attempts of an idempotent read after a transport error, timeout, 429 or 5xx. Writes never retry.</summary>
    public int MaxReadRetries { get; init; } = 2;

    /// <summary>First backoff of a read retry; doubles per attempt, with ±50% jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait a read retry accepts (a longer Retry-After ends the retries).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Scales every published quota (1 = the published figures; tests and shared keys use less).</summary>
    public double QuotaScale { get; init; } = 1.0;

    /// <summary>Longest a request waits at the client-side rate gate before it fails as RateLimited without being sent.</summary>
    public TimeSpan MaxRateGateWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Most pages one "all pages" call reads, so a misbehaving cursor cannot loop forever.</summary>
    public int MaxPages { get; init; } = 200;

    /// <summary>Problems with the options, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("Polymarket:BaseAddress must be an absolute http(s) URL.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("Polymarket:RequestTimeout must be positive.");
        }

        if (MaxReadRetries is < 0 or > 5)
        {
            problems.Add("Polymarket:MaxReadRetries must lie in [0, 5].");
        }

        if (QuotaScale is <= 0 or > 1 || double.IsNaN(QuotaScale))
        {
            problems.Add("Polymarket:QuotaScale must lie in (0, 1].");
        }

        return problems;
    }
}
