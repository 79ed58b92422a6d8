using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Models;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Http;

/// <summary>
/// The CLOB REST API (protocol reference §2, §10.8): public market data, L1 key creation, L2 orders and account.
/// Every call returns a <see cref="VenueResult{T}"/>; nothing expected throws. Idempotent reads retry with jittered
/// backoff; writes (order posts, cancels, heartbeats) are sent exactly once — an order POST whose answer is lost is an
/// unknown outcome for the caller to resolve by its precomputed order hash. L2 requests are HMAC-signed over the exact
/// bytes sent; every request passes a client-side rate gate first.
/// </summary>
public sealed class PolymarketClobClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly PolymarketClobClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PolymarketRateGate _gate;
    private readonly Random _jitter = new();
    private PolymarketL2Signer? _l2;

    /// <param name="http">Sends the requests; its own Timeout should be infinite or longer than <see cref="PolymarketClobClientOptions.RequestTimeout"/>.</param>
    /// <param name="options">Base address, timeouts, retries, quotas.</param>
    /// <param name="time">Clock for L1/L2 timestamps, backoff and the rate gate.</param>
    /// <param name="logger">Optional.</param>
    public PolymarketClobClient(HttpClient http, PolymarketClobClientOptions options, TimeProvider time, ILogger<PolymarketClobClient>? logger = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _http = http;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _gate = new PolymarketRateGate(time, options.QuotaScale, options.MaxRateGateWait);
    }

    public Uri BaseAddress => _options.BaseAddress;

    /// <summary>The API key in use (the <c>owner</c> of orders), once <see cref="UseCredentials"/> was called.</summary>
    public string? ApiKey { get; private set; }

    /// <summary>The L2 signer's EOA (POLY_ADDRESS), once credentials are set.</summary>
    public string? Address => _l2?.Address;

    /// <summary>Sets the L2 credentials used from now on (e.g. after <see cref="CreateOrDeriveApiKeyAsync"/>).</summary>
    public void UseCredentials(PolymarketApiCredentials credentials, string address)
    {
        var previous = Interlocked.Exchange(ref _l2, new PolymarketL2Signer(credentials, address));
        ApiKey = credentials.Key;
        previous?.Dispose();
    }

    public void Dispose() => _l2?.Dispose();

    // ------------------------------------------------------------------ public market data

    /// <summary><c>GET /time</c>: the server's clock.</summary>
    public async Task<VenueResult<DateTimeOffset>> GetServerTimeAsync(CancellationToken cancellationToken)
    {
        var result = await GetAsync("/time", null, PolymarketEndpoint.General, PolymarketJsonContext.Default.Int64, cancellationToken);
        return result.IsSuccess ? VenueResult<DateTimeOffset>.Ok(DateTimeOffset.FromUnixTimeSeconds(result.Value)) : result.Error;
    }

    /// <summary>
    /// <c>GET /sim/clock</c> of <c>ploy venue</c>: the simulation's clock, or null from a venue without one (Polymarket
    /// answers 404), whose markets run on the wall clock.
    /// </summary>
    public async Task<VenueResult<PolymarketSimulationClock?>> GetSimulationClockAsync(CancellationToken cancellationToken)
    {
        var result = await GetAsync("/sim/clock", null, PolymarketEndpoint.General, PolymarketJsonContext.Default.PolymarketSimulationClock, cancellationToken);
        if (result.IsSuccess)
        {
            return VenueResult<PolymarketSimulationClock?>.Ok(result.Value);
        }

        return result.Error!.Kind == VenueErrorKind.NotFound ? VenueResult<PolymarketSimulationClock?>.Ok(null) : result.Error;
    }

    /// <summary><c>GET /version</c>: the exchange version the venue expects orders for (2 on production).</summary>
    public async Task<VenueResult<int>> GetVersionAsync(CancellationToken cancellationToken)
    {
        var result = await GetQuotesAsync("/version", null, PolymarketEndpoint.General, cancellationToken);
        return Select(result, q => q.Version, "version");
    }

    /// <summary><c>GET /book?token_id=</c>.</summary>
    public Task<VenueResult<PolymarketOrderBookSummary>> GetBookAsync(string tokenId, CancellationToken cancellationToken) =>
        GetAsync("/book", Query(("token_id", tokenId)), PolymarketEndpoint.Book, PolymarketJsonContext.Default.PolymarketOrderBookSummary, cancellationToken);

    /// <summary><c>POST /books</c> (a read: retried like a GET).</summary>
    public async Task<VenueResult<IReadOnlyList<PolymarketOrderBookSummary>>> GetBooksAsync(IReadOnlyList<string> tokenIds, CancellationToken cancellationToken)
    {
        var body = JsonArrayOfObjects("token_id", tokenIds);
        return await SendAsync(HttpMethod.Post, "/books", null, body, Auth.None, PolymarketEndpoint.Books, idempotent: true,
            PolymarketJsonContext.Default.IReadOnlyListPolymarketOrderBookSummary, cancellationToken);
    }

    /// <summary><c>GET /price?token_id=&amp;side=</c>.</summary>
    public async Task<VenueResult<decimal>> GetPriceAsync(string tokenId, Side side, CancellationToken cancellationToken) =>
        Select(await GetQuotesAsync("/price", Query(("token_id", tokenId), ("side", side == Side.Buy ? "BUY" : "SELL")), PolymarketEndpoint.Price, cancellationToken),
            q => q.Price, "price");

    /// <summary><c>GET /midpoint?token_id=</c>.</summary>
    public async Task<VenueResult<decimal>> GetMidpointAsync(string tokenId, CancellationToken cancellationToken) =>
        Select(await GetQuotesAsync("/midpoint", Query(("token_id", tokenId)), PolymarketEndpoint.Midpoint, cancellationToken), q => q.Mid, "mid");

    /// <summary><c>GET /spread?token_id=</c>.</summary>
    public async Task<VenueResult<decimal>> GetSpreadAsync(string tokenId, CancellationToken cancellationToken) =>
        Select(await GetQuotesAsync("/spread", Query(("token_id", tokenId)), PolymarketEndpoint.Price, cancellationToken), q => q.Spread, "spread");

    /// <summary><c>GET /tick-size?token_id=</c>. Venue quirk: a JSON number, not a string (protocol reference §2.1).</summary>
    public async Task<VenueResult<TickSize>> GetTickSizeAsync(string tokenId, CancellationToken cancellationToken)
    {
        var result = Select(await GetQuotesAsync("/tick-size", Query(("token_id", tokenId)), PolymarketEndpoint.TickSize, cancellationToken),
            q => q.MinimumTickSize, "minimum_tick_size");
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        return TickSize.TryCreate(result.Value, out var tick) ? VenueResult<TickSize>.Ok(tick) : Decode($"tick size {result.Value}");
    }

    /// <summary><c>GET /neg-risk?token_id=</c>.</summary>
    public async Task<VenueResult<bool>> GetNegRiskAsync(string tokenId, CancellationToken cancellationToken) =>
        Select(await GetQuotesAsync("/neg-risk", Query(("token_id", tokenId)), PolymarketEndpoint.General, cancellationToken), q => q.NegRisk, "neg_risk");

    /// <summary><c>GET /fee-rate?token_id=</c>: base fee in bps (used by version-1 orders only).</summary>
    public async Task<VenueResult<decimal>> GetFeeRateAsync(string tokenId, CancellationToken cancellationToken) =>
        Select(await GetQuotesAsync("/fee-rate", Query(("token_id", tokenId)), PolymarketEndpoint.General, cancellationToken), q => q.BaseFee, "base_fee");

    /// <summary><c>GET /markets?next_cursor=</c>: one page.</summary>
    public Task<VenueResult<PolymarketPage<PolymarketMarket>>> GetMarketsPageAsync(string? cursor, CancellationToken cancellationToken) =>
        GetAsync("/markets", Query(("next_cursor", cursor ?? PolymarketPage<PolymarketMarket>.FirstCursor)), PolymarketEndpoint.Markets,
            PolymarketJsonContext.Default.PolymarketPagePolymarketMarket, cancellationToken);

    /// <summary>Every market, following the cursor from <c>MA==</c> to <c>LTE=</c>.</summary>
    public Task<VenueResult<IReadOnlyList<PolymarketMarket>>> GetMarketsAsync(CancellationToken cancellationToken) =>
        AllPagesAsync(GetMarketsPageAsync, cancellationToken);

    /// <summary><c>GET /markets/{condition_id}</c>.</summary>
    public Task<VenueResult<PolymarketMarket>> GetMarketAsync(string conditionId, CancellationToken cancellationToken) =>
        GetAsync("/markets/" + Uri.EscapeDataString(conditionId), null, PolymarketEndpoint.Markets, PolymarketJsonContext.Default.PolymarketMarket, cancellationToken);

    // ------------------------------------------------------------------ L1: API keys

    /// <summary><c>POST /auth/api-key</c> with L1 headers. Not retried (it creates state).</summary>
    public Task<VenueResult<PolymarketApiCredentials>> CreateApiKeyAsync(PolymarketSigner signer, int chainId, ulong nonce, CancellationToken cancellationToken) =>
        ApiKeyAsync(HttpMethod.Post, "/auth/api-key", signer, chainId, nonce, idempotent: false, cancellationToken);

    /// <summary><c>GET /auth/derive-api-key</c> with L1 headers: the existing key for that nonce.</summary>
    public Task<VenueResult<PolymarketApiCredentials>> DeriveApiKeyAsync(PolymarketSigner signer, int chainId, ulong nonce, CancellationToken cancellationToken) =>
        ApiKeyAsync(HttpMethod.Get, "/auth/derive-api-key", signer, chainId, nonce, idempotent: true, cancellationToken);

    /// <summary>
    /// The official client's <c>createOrDeriveApiKey</c>: create, and when that yields no key (it exists already), derive.
    /// </summary>
    public async Task<VenueResult<PolymarketApiCredentials>> CreateOrDeriveApiKeyAsync(PolymarketSigner signer, int chainId, ulong nonce, CancellationToken cancellationToken)
    {
        var created = await CreateApiKeyAsync(signer, chainId, nonce, cancellationToken);
        if (created.IsSuccess || created.Error.Kind is VenueErrorKind.Transport or VenueErrorKind.Timeout or VenueErrorKind.Blocked)
        {
            return created;
        }

        return await DeriveApiKeyAsync(signer, chainId, nonce, cancellationToken);
    }

    // ------------------------------------------------------------------ L2: orders

    /// <summary><c>POST /order</c> with the exact body built by <see cref="PolymarketRequestBodies.Order"/>. Never retried.</summary>
    public Task<VenueResult<PolymarketOrderResponse>> PostOrderAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/order", null, body, Auth.L2, PolymarketEndpoint.PostOrder, idempotent: false,
            PolymarketJsonContext.Default.PolymarketOrderResponse, cancellationToken, acceptErrorBody: true);

    /// <summary><c>POST /orders</c> (≤ 15 orders, <see cref="PolymarketRequestBodies.Orders"/>). Never retried.</summary>
    public Task<VenueResult<IReadOnlyList<PolymarketOrderResponse>>> PostOrdersAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/orders", null, body, Auth.L2, PolymarketEndpoint.PostOrders, idempotent: false,
            PolymarketJsonContext.Default.IReadOnlyListPolymarketOrderResponse, cancellationToken);

    /// <summary><c>DELETE /order</c> <c>{"orderID":…}</c>.</summary>
    public Task<VenueResult<PolymarketCancelResponse>> CancelOrderAsync(VenueOrderId order, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, "/order", null, PolymarketRequestBodies.CancelOrder(order), Auth.L2, PolymarketEndpoint.CancelOrder, idempotent: false,
            PolymarketJsonContext.Default.PolymarketCancelResponse, cancellationToken);

    /// <summary><c>DELETE /orders</c> with an array of ids.</summary>
    public Task<VenueResult<PolymarketCancelResponse>> CancelOrdersAsync(IReadOnlyList<VenueOrderId> orders, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, "/orders", null, PolymarketRequestBodies.CancelOrders(orders), Auth.L2, PolymarketEndpoint.CancelOrders, idempotent: false,
            PolymarketJsonContext.Default.PolymarketCancelResponse, cancellationToken);

    /// <summary><c>DELETE /cancel-all</c>.</summary>
    public Task<VenueResult<PolymarketCancelResponse>> CancelAllAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, "/cancel-all", null, ReadOnlyMemory<byte>.Empty, Auth.L2, PolymarketEndpoint.CancelOrders, idempotent: false,
            PolymarketJsonContext.Default.PolymarketCancelResponse, cancellationToken);

    /// <summary><c>DELETE /cancel-market-orders</c> <c>{"market"?, "asset_id"?}</c>.</summary>
    public Task<VenueResult<PolymarketCancelResponse>> CancelMarketOrdersAsync(string? market, string? assetId, CancellationToken cancellationToken)
    {
        var body = new StringBuilder("{");
        if (market is not null)
        {
            body.Append("\"market\":").Append(JsonSerializer.Serialize(market, PolymarketStringJson.Default.String));
        }

        if (assetId is not null)
        {
            body.Append(market is null ? string.Empty : ",").Append("\"asset_id\":").Append(JsonSerializer.Serialize(assetId, PolymarketStringJson.Default.String));
        }

        body.Append('}');
        return SendAsync(HttpMethod.Delete, "/cancel-market-orders", null, Encoding.UTF8.GetBytes(body.ToString()), Auth.L2, PolymarketEndpoint.CancelOrders,
            idempotent: false, PolymarketJsonContext.Default.PolymarketCancelResponse, cancellationToken);
    }

    /// <summary><c>GET /data/order/{id}</c> (the id is part of the signed path). NotFound once the venue forgot it.</summary>
    public Task<VenueResult<PolymarketOpenOrder>> GetOrderAsync(VenueOrderId order, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/data/order/" + order.Value, null, ReadOnlyMemory<byte>.Empty, Auth.L2, PolymarketEndpoint.Orders, idempotent: true,
            PolymarketJsonContext.Default.PolymarketOpenOrder, cancellationToken);

    /// <summary><c>GET /data/orders</c>: one page of our active orders.</summary>
    public Task<VenueResult<PolymarketPage<PolymarketOpenOrder>>> GetOpenOrdersPageAsync(string? cursor, string? market, string? assetId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/data/orders", Query(("market", market), ("asset_id", assetId), ("next_cursor", cursor ?? PolymarketPage<PolymarketOpenOrder>.FirstCursor)),
            ReadOnlyMemory<byte>.Empty, Auth.L2, PolymarketEndpoint.Orders, idempotent: true, PolymarketJsonContext.Default.PolymarketPagePolymarketOpenOrder, cancellationToken);

    /// <summary>All our active orders (every page).</summary>
    public Task<VenueResult<IReadOnlyList<PolymarketOpenOrder>>> GetOpenOrdersAsync(string? market, string? assetId, CancellationToken cancellationToken) =>
        AllPagesAsync((cursor, ct) => GetOpenOrdersPageAsync(cursor, market, assetId, ct), cancellationToken);

    /// <summary><c>GET /data/trades</c>: one page of our trades.</summary>
    public Task<VenueResult<PolymarketPage<PolymarketTrade>>> GetTradesPageAsync(string? cursor, string? market, string? assetId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/data/trades", Query(("market", market), ("asset_id", assetId), ("next_cursor", cursor ?? PolymarketPage<PolymarketTrade>.FirstCursor)),
            ReadOnlyMemory<byte>.Empty, Auth.L2, PolymarketEndpoint.Trades, idempotent: true, PolymarketJsonContext.Default.PolymarketPagePolymarketTrade, cancellationToken);

    /// <summary>All our trades (every page), optionally of one market or token.</summary>
    public Task<VenueResult<IReadOnlyList<PolymarketTrade>>> GetTradesAsync(string? market, string? assetId, CancellationToken cancellationToken) =>
        AllPagesAsync((cursor, ct) => GetTradesPageAsync(cursor, market, assetId, ct), cancellationToken);

    /// <summary>
    /// <c>GET /balance-allowance</c>: <paramref name="tokenId"/> null for collateral (pUSD), else that conditional token.
    /// </summary>
    public Task<VenueResult<PolymarketBalanceAllowance>> GetBalanceAllowanceAsync(string? tokenId, PolymarketSignatureType signatureType, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/balance-allowance", BalanceQuery(tokenId, signatureType), ReadOnlyMemory<byte>.Empty, Auth.L2,
            PolymarketEndpoint.BalanceAllowance, idempotent: true, PolymarketJsonContext.Default.PolymarketBalanceAllowance, cancellationToken);

    /// <summary><c>GET /balance-allowance/update</c>. Venue quirk: a GET, not a POST (protocol reference §11.7).</summary>
    public Task<VenueResult<PolymarketBalanceAllowance>> UpdateBalanceAllowanceAsync(string? tokenId, PolymarketSignatureType signatureType, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/balance-allowance/update", BalanceQuery(tokenId, signatureType), ReadOnlyMemory<byte>.Empty, Auth.L2,
            PolymarketEndpoint.BalanceAllowanceUpdate, idempotent: true, PolymarketJsonContext.Default.PolymarketBalanceAllowance, cancellationToken);

    /// <summary><c>POST /v1/heartbeats</c>: <paramref name="previousId"/> null starts a chain (<c>""</c>, the V2 client's start). Never retried.</summary>
    public Task<VenueResult<PolymarketHeartbeatResponse>> PostHeartbeatAsync(string? previousId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/v1/heartbeats", null, PolymarketRequestBodies.Heartbeat(previousId), Auth.L2, PolymarketEndpoint.Heartbeat, idempotent: false,
            PolymarketJsonContext.Default.PolymarketHeartbeatResponse, cancellationToken);

    // ------------------------------------------------------------------ plumbing

    private enum Auth
    {
        None,
        L1,
        L2,
    }

    private static string BalanceQuery(string? tokenId, PolymarketSignatureType signatureType) =>
        tokenId is null
            ? Query(("asset_type", "COLLATERAL"), ("signature_type", ((int)signatureType).ToString(CultureInfo.InvariantCulture)))
            : Query(("asset_type", "CONDITIONAL"), ("token_id", tokenId), ("signature_type", ((int)signatureType).ToString(CultureInfo.InvariantCulture)));

    private async Task<VenueResult<PolymarketApiCredentials>> ApiKeyAsync(HttpMethod method, string path, PolymarketSigner signer, int chainId, ulong nonce,
        bool idempotent, CancellationToken cancellationToken)
    {
        var result = await SendAsync(method, path, null, ReadOnlyMemory<byte>.Empty, Auth.L1, PolymarketEndpoint.ApiKey, idempotent,
            PolymarketJsonContext.Default.PolymarketApiKeyResponse, cancellationToken, l1: (signer, chainId, nonce));
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        var key = result.Value!;
        return string.IsNullOrEmpty(key.ApiKey) || string.IsNullOrEmpty(key.Secret) || string.IsNullOrEmpty(key.Passphrase)
            ? new VenueError(VenueErrorKind.Rejected, "the venue returned no API key", IsTransient: false)
            : VenueResult<PolymarketApiCredentials>.Ok(new PolymarketApiCredentials(key.ApiKey, key.Secret, key.Passphrase));
    }

    private Task<VenueResult<PolymarketMarketQuotes>> GetQuotesAsync(string path, string? query, PolymarketEndpoint endpoint, CancellationToken cancellationToken) =>
        GetAsync(path, query, endpoint, PolymarketJsonContext.Default.PolymarketMarketQuotes, cancellationToken);

    private Task<VenueResult<T>> GetAsync<T>(string path, string? query, PolymarketEndpoint endpoint, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, query, ReadOnlyMemory<byte>.Empty, Auth.None, endpoint, idempotent: true, type, cancellationToken);

    private async Task<VenueResult<IReadOnlyList<T>>> AllPagesAsync<T>(
        Func<string?, CancellationToken, Task<VenueResult<PolymarketPage<T>>>> page, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        string? cursor = PolymarketPage<T>.FirstCursor;
        for (var i = 0; i < _options.MaxPages; i++)
        {
            var result = await page(cursor, cancellationToken);
            if (!result.IsSuccess)
            {
                return result.Error;
            }

            all.AddRange(result.Value!.Data ?? []);
            if (result.Value.IsLast || result.Value.NextCursor == cursor)
            {
                return VenueResult<IReadOnlyList<T>>.Ok(all);
            }

            cursor = result.Value.NextCursor;
        }

        return new VenueError(VenueErrorKind.Decode, $"more than {_options.MaxPages} pages: the cursor does not end", IsTransient: false);
    }

    private async Task<VenueResult<T>> SendAsync<T>(HttpMethod method, string path, string? query, ReadOnlyMemory<byte> body, Auth auth,
        PolymarketEndpoint endpoint, bool idempotent, JsonTypeInfo<T> type, CancellationToken cancellationToken,
        bool acceptErrorBody = false, (PolymarketSigner Signer, int ChainId, ulong Nonce)? l1 = null)
    {
        var attempts = idempotent ? 1 + _options.MaxReadRetries : 1;
        VenueError? last = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (!await _gate.AcquireAsync(endpoint, cancellationToken))
            {
                Log.RateGateRefused(_logger, method.Method, path, endpoint);
                return new VenueError(VenueErrorKind.RateLimited, $"client-side rate gate: {endpoint} quota exhausted (not sent)", IsTransient: true,
                    TimeSpan.FromSeconds(1));
            }

            var (status, headers, bytes, error) = await SendOnceAsync(method, path, query, body, auth, l1, cancellationToken);
            if (error is null && status is { } code && ((int)code is >= 200 and < 300 || (acceptErrorBody && code == HttpStatusCode.BadRequest && !PolymarketErrorMapper.LooksLikeHtml(bytes))))
            {
                try
                {
                    var value = JsonSerializer.Deserialize(bytes, type);
                    return value is null ? Decode($"{method.Method} {path}: null body") : VenueResult<T>.Ok(value);
                }
                catch (JsonException ex)
                {
                    if ((int)code >= 300)
                    {
                        error = PolymarketErrorMapper.Map(code, headers, bytes, _time);
                    }
                    else
                    {
                        return Decode($"{method.Method} {path}: {ex.Message}");
                    }
                }
            }

            error ??= PolymarketErrorMapper.Map(status!.Value, headers, bytes, _time);
            last = error;
            Log.RequestFailed(_logger, method.Method, path, error.Kind, error.Message);
            if (attempt == attempts || !error.IsTransient || error.Kind is VenueErrorKind.Blocked)
            {
                break;
            }

            var delay = Backoff(attempt, error.RetryAfter);
            if (delay is null)
            {
                break;
            }

            Log.Retrying(_logger, method.Method, path, attempt, (long)delay.Value.TotalMilliseconds, error.Kind);
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

    private async Task<(HttpStatusCode? Status, HttpResponseHeaders? Headers, byte[] Body, VenueError? Error)> SendOnceAsync(HttpMethod method, string path,
        string? query, ReadOnlyMemory<byte> body, Auth auth, (PolymarketSigner Signer, int ChainId, ulong Nonce)? l1, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_options.BaseAddress, path + (query is null ? string.Empty : "?" + query)));
        if (!body.IsEmpty)
        {
            // The exact bytes the HMAC covers are the bytes sent.
            request.Content = new ReadOnlyMemoryContent(body);
            request.Content.Headers.ContentType = JsonMediaType;
        }

        switch (auth)
        {
            case Auth.L1:
                var (signer, chainId, nonce) = l1!.Value;
                AddHeaders(request, PolymarketL1Auth.CreateHeaders(signer, chainId, _time, nonce).AsPairs());
                break;
            case Auth.L2:
                var l2 = _l2;
                if (l2 is null)
                {
                    return (null, null, [], new VenueError(VenueErrorKind.Unauthorized, "no API credentials: derive an API key first", IsTransient: false));
                }

                // Venue quirk: the HMAC covers the path only, never the query string (protocol reference §2, §3.2).
                AddHeaders(request, l2.CreateHeaders(_time, method.Method, path, body.Span).AsPairs());
                break;
            default:
                break;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (response.Headers.TryGetValues("Poly-RateLimit-Warning", out _))
            {
                Log.RateLimitWarning(_logger, method.Method, path);
            }

            return (response.StatusCode, response.Headers, bytes, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, [], new VenueError(VenueErrorKind.Timeout, $"{method.Method} {path}: no answer within {_options.RequestTimeout.TotalSeconds:0.###} s", IsTransient: true));
        }
        catch (HttpRequestException ex)
        {
            return (null, null, [], new VenueError(VenueErrorKind.Transport, $"{method.Method} {path}: {ex.HttpRequestError}: {ex.Message}", IsTransient: true));
        }
        catch (IOException ex)
        {
            return (null, null, [], new VenueError(VenueErrorKind.Transport, $"{method.Method} {path}: {ex.Message}", IsTransient: true));
        }
    }

    private static void AddHeaders(HttpRequestMessage request, IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private static VenueResult<TOut> Select<TOut>(VenueResult<PolymarketMarketQuotes> result, Func<PolymarketMarketQuotes, TOut?> pick, string field)
        where TOut : struct
    {
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        return pick(result.Value!) is { } value ? VenueResult<TOut>.Ok(value) : Decode($"missing '{field}'");
    }

    private static VenueError Decode(string message) => new(VenueErrorKind.Decode, message, IsTransient: false);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(builder.Length == 0 ? string.Empty : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }

    private static byte[] JsonArrayOfObjects(string key, IReadOnlyList<string> values)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < values.Count; i++)
        {
            builder.Append(i == 0 ? "{\"" : ",{\"").Append(key).Append("\":").Append(JsonSerializer.Serialize(values[i], PolymarketStringJson.Default.String)).Append('}');
        }

        return Encoding.UTF8.GetBytes(builder.Append(']').ToString());
    }
}
