using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Http;

namespace Ploy.Venues.Polymarket.Gamma;

/// <summary>
/// Gamma, Polymarket's market-discovery API (protocol reference §8): events, markets, series and search, public and
/// read-only. Every call returns a <see cref="VenueResult{T}"/> with the CLOB client's error kinds
/// (<see cref="PolymarketErrorMapper"/>); nothing expected throws. All calls are idempotent reads, so transient failures
/// retry with jittered backoff, and every request passes the client-side rate gate (Gamma's own quotas) first.
/// </summary>
public sealed class PolymarketGammaClient
{
    private readonly HttpClient _http;
    private readonly PolymarketGammaClientOptions _options;
    private readonly Uri _base;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PolymarketRateGate _gate;
    private readonly Random _jitter = new();

    /// <param name="http">Sends the requests; its own Timeout should be infinite or longer than <see cref="PolymarketGammaClientOptions.RequestTimeout"/>.</param>
    /// <param name="options">Base address, timeouts, retries, quotas.</param>
    /// <param name="time">Clock for backoff and the rate gate.</param>
    /// <param name="logger">Optional.</param>
    public PolymarketGammaClient(HttpClient http, PolymarketGammaClientOptions options, TimeProvider time, ILogger<PolymarketGammaClient>? logger = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _http = http;
        _options = options;
        // Paths are resolved relative to the base, so a base with a path (ploy venue's /gamma/) keeps it.
        _base = options.BaseAddress.AbsoluteUri.EndsWith('/') ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _gate = new PolymarketRateGate(time, options.QuotaScale, options.MaxRateGateWait);
    }

    public Uri BaseAddress => _base;

    /// <summary><c>GET /events/slug/{slug}</c>.</summary>
    public Task<VenueResult<PolymarketGammaEvent>> GetEventBySlugAsync(string slug, CancellationToken cancellationToken) =>
        GetAsync("events/slug/" + Uri.EscapeDataString(slug), null, PolymarketEndpoint.GammaEvents, PolymarketGammaParser.Event, cancellationToken);

    /// <summary><c>GET /events/{id}</c>.</summary>
    public Task<VenueResult<PolymarketGammaEvent>> GetEventAsync(string id, CancellationToken cancellationToken) =>
        GetAsync("events/" + Uri.EscapeDataString(id), null, PolymarketEndpoint.GammaEvents, PolymarketGammaParser.Event, cancellationToken);

    /// <summary><c>GET /events?…</c>: one page (use <see cref="PolymarketGammaQuery.Limit"/> and <see cref="PolymarketGammaQuery.Offset"/>).</summary>
    public Task<VenueResult<IReadOnlyList<PolymarketGammaEvent>>> GetEventsAsync(PolymarketGammaQuery query, CancellationToken cancellationToken) =>
        GetAsync("events", query.ToQueryString(), PolymarketEndpoint.GammaEvents, PolymarketGammaParser.Events, cancellationToken);

    /// <summary><c>GET /markets/slug/{slug}</c>.</summary>
    public Task<VenueResult<PolymarketGammaMarket>> GetMarketBySlugAsync(string slug, CancellationToken cancellationToken) =>
        GetAsync("markets/slug/" + Uri.EscapeDataString(slug), null, PolymarketEndpoint.GammaMarkets, PolymarketGammaParser.Market, cancellationToken);

    /// <summary><c>GET /markets/{id}</c>.</summary>
    public Task<VenueResult<PolymarketGammaMarket>> GetMarketAsync(string id, CancellationToken cancellationToken) =>
        GetAsync("markets/" + Uri.EscapeDataString(id), null, PolymarketEndpoint.GammaMarkets, PolymarketGammaParser.Market, cancellationToken);

    /// <summary><c>GET /markets?…</c>: one page.</summary>
    public Task<VenueResult<IReadOnlyList<PolymarketGammaMarket>>> GetMarketsAsync(PolymarketGammaQuery query, CancellationToken cancellationToken) =>
        GetAsync("markets", query.ToQueryString(), PolymarketEndpoint.GammaMarkets, PolymarketGammaParser.Markets, cancellationToken);

    /// <summary><c>GET /series?…</c>: one page, each series with its events.</summary>
    public Task<VenueResult<IReadOnlyList<PolymarketGammaSeries>>> GetSeriesListAsync(PolymarketGammaQuery query, CancellationToken cancellationToken) =>
        GetAsync("series", query.ToQueryString(), PolymarketEndpoint.Gamma, PolymarketGammaParser.SeriesList, cancellationToken);

    /// <summary><c>GET /series?slug=</c>: the series with its events; NotFound when no series has the slug.</summary>
    public async Task<VenueResult<PolymarketGammaSeries>> GetSeriesBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        var list = await GetSeriesListAsync(new PolymarketGammaQuery { Slugs = [slug] }, cancellationToken);
        if (!list.IsSuccess)
        {
            return list.Error;
        }

        return list.Value!.FirstOrDefault(s => string.Equals(s.Slug, slug, StringComparison.Ordinal)) is { } series
            ? VenueResult<PolymarketGammaSeries>.Ok(series)
            : new VenueError(VenueErrorKind.NotFound, $"Gamma has no series '{slug}'", IsTransient: false);
    }

    /// <summary><c>GET /public-search?q=</c>.</summary>
    public Task<VenueResult<PolymarketGammaSearchResult>> SearchAsync(string text, CancellationToken cancellationToken) =>
        GetAsync("public-search", "q=" + Uri.EscapeDataString(text), PolymarketEndpoint.Gamma, PolymarketGammaParser.Search, cancellationToken);

    /// <summary>The current and next rounds of a recurring series at <paramref name="now"/> (from <c>GET /series?slug=</c>).</summary>
    public async Task<VenueResult<PolymarketGammaRounds>> GetRoundsAsync(string seriesSlug, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var series = await GetSeriesBySlugAsync(seriesSlug, cancellationToken);
        return series.IsSuccess ? VenueResult<PolymarketGammaRounds>.Ok(PolymarketGammaRounds.Select(series.Value!.Events, now)) : series.Error;
    }

    private async Task<VenueResult<T>> GetAsync<T>(string path, string? query, PolymarketEndpoint endpoint, Func<ReadOnlyMemory<byte>, VenueResult<T>> parse,
        CancellationToken cancellationToken)
    {
        var attempts = 1 + _options.MaxReadRetries;
        VenueError? last = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (!await _gate.AcquireAsync(endpoint, cancellationToken))
            {
                Log.RateGateRefused(_logger, "GET", path, endpoint);
                return new VenueError(VenueErrorKind.RateLimited, $"client-side rate gate: {endpoint} quota exhausted (not sent)", IsTransient: true,
                    TimeSpan.FromSeconds(1));
            }

            var (status, headers, bytes, error) = await SendOnceAsync(path, query, cancellationToken);
            if (error is null && status is { } code && (int)code is >= 200 and < 300)
            {
                // A body that does not parse is not retried: asking again returns the same bytes.
                return parse(bytes);
            }

            error ??= PolymarketErrorMapper.Map(status!.Value, headers, bytes, _time);
            last = error;
            Log.RequestFailed(_logger, "GET", path, error.Kind, error.Message);
            if (attempt == attempts || !error.IsTransient || error.Kind is VenueErrorKind.Blocked)
            {
                break;
            }

            var delay = Backoff(attempt, error.RetryAfter);
            if (delay is null)
            {
                break;
            }

            Log.Retrying(_logger, "GET", path, attempt, (long)delay.Value.TotalMilliseconds, error.Kind);
            await Task.Delay(delay.Value, _time, cancellationToken);
        }

        return last!;
    }

    private TimeSpan? Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } after)
        {
            return after <= _options.MaxRetryDelay ? after : null;
        }

        double jitter;
        lock (_jitter)
        {
            jitter = 0.5 + _jitter.NextDouble();
        }

        var delay = TimeSpan.FromTicks((long)(_options.RetryBaseDelay.Ticks * Math.Pow(2, attempt - 1) * jitter));
        return delay <= _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private async Task<(HttpStatusCode? Status, HttpResponseHeaders? Headers, byte[] Body, VenueError? Error)> SendOnceAsync(string path, string? query,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, path + (string.IsNullOrEmpty(query) ? string.Empty : "?" + query)));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return (response.StatusCode, response.Headers, bytes, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, [], new VenueError(VenueErrorKind.Timeout, $"GET {path}: no answer within {_options.RequestTimeout.TotalSeconds:0.###} s", IsTransient: true));
        }
        catch (HttpRequestException ex)
        {
            return (null, null, [], new VenueError(VenueErrorKind.Transport, $"GET {path}: {ex.HttpRequestError}: {ex.Message}", IsTransient: true));
        }
        catch (IOException ex)
        {
            return (null, null, [], new VenueError(VenueErrorKind.Transport, $"GET {path}: {ex.Message}", IsTransient: true));
        }
    }
}
