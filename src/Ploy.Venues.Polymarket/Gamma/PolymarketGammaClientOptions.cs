namespace Ploy.Venues.Polymarket.Gamma;

/// <summary>How the Gamma client talks to Gamma: where, how long it waits, how reads retry (all Gamma calls are reads).</summary>
public sealed record PolymarketGammaClientOptions
{
    /// <summary>The Gamma base address, e.g. https://gamma-api.polymarket.com or http://127.0.0.1:8090/gamma/ for <c>ploy venue</c>.</summary>
    public Uri BaseAddress { get; init; } = new("https://gamma-api.polymarket.com/");

    /// <summary>Per attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra attempts after a transport error, timeout, 429 or 5xx.</summary>
    public int MaxReadRetries { get; init; } = 2;

    /// <summary>First backoff of a retry; doubles per attempt, with ±50% jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait a retry accepts (a longer Retry-After ends the retries).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Scales the published Gamma quotas (1 = the published figures).</summary>
    public double QuotaScale { get; init; } = 1.0;

    /// <summary>Longest a request waits at the client-side rate gate before it fails as RateLimited without being sent.</summary>
    public TimeSpan MaxRateGateWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Problems with the options, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("Polymarket:Gamma:BaseAddress must be an absolute http(s) URL.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("Polymarket:Gamma:RequestTimeout must be positive.");
        }

        if (MaxReadRetries is < 0 or > 5)
        {
            problems.Add("Polymarket:Gamma:MaxReadRetries must lie in [0, 5].");
        }

        if (QuotaScale is <= 0 or > 1 || double.IsNaN(QuotaScale))
        {
            problems.Add("Polymarket:Gamma:QuotaScale must lie in (0, 1].");
        }

        return problems;
    }
}
