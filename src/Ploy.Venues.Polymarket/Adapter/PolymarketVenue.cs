using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Models;
using Ploy.Venues.Polymarket.Orders;
using Ploy.Venues.Polymarket.Parsing;
using Ploy.Venues.Polymarket.Signing;
using Ploy.Venues.Polymarket.WebSocket;

namespace Ploy.Venues.Polymarket.Adapter;

/// <summary>
/// Polymarket as an <see cref="IVenue"/>: orders are built and signed as V2 EIP-712 orders in <see cref="Prepare"/> (no
/// I/O; the venue order id is the order hash), posted once by <see cref="SubmitAsync"/>, and everything else goes over
/// REST; our fills and order updates come from the user channel, backfilled over REST after a reconnect.
/// Call <see cref="StartAsync"/> first: it creates or derives the API key and loads the markets.
/// </summary>
public sealed class PolymarketVenue : IVenue, IAsyncDisposable
{
    private readonly PolymarketClobClient _client;
    private readonly PolymarketSigner _signer;
    private readonly PolymarketOrderBuilder _builder;
    private readonly PolymarketMarketCatalog _catalog;
    private readonly PolymarketVenueOptions _options;
    private readonly PolymarketStreamOptions _streamOptions;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Func<ulong> _salt;
    private readonly Channel<VenueEvent> _events = Channel.CreateUnbounded<VenueEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<VenueOrderId, TokenId> _orderTokens = new();
    private readonly HashSet<TradeId> _seenFills = [];
    private readonly Lock _fillsLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private PolymarketUserStream? _user;
    private Task _heartbeats = Task.CompletedTask;
    private string? _apiKey;

    /// <param name="client">The REST client (its base address is the venue).</param>
    /// <param name="signer">The EOA key: signs L1 auth and orders.</param>
    /// <param name="catalog">Market metadata shared with the market-data feed.</param>
    /// <param name="options">Chain, wallet type, heartbeats.</param>
    /// <param name="streamOptions">Where the user channel is and how it keeps alive.</param>
    /// <param name="time">Clock.</param>
    /// <param name="loggers">Optional.</param>
    /// <param name="salt">Order salts (tests pass a fixed sequence); random by default.</param>
    public PolymarketVenue(PolymarketClobClient client, PolymarketSigner signer, PolymarketMarketCatalog catalog, PolymarketVenueOptions options,
        PolymarketStreamOptions streamOptions, TimeProvider time, ILoggerFactory? loggers = null, Func<ulong>? salt = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _client = client;
        _signer = signer;
        _catalog = catalog;
        _options = options;
        _streamOptions = streamOptions;
        _time = time;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<PolymarketVenue>();
        _salt = salt ?? PolymarketOrderBuilder.NewSalt;
        _builder = new PolymarketOrderBuilder(signer, options.ChainId, options.SignatureType, options.Funder);
    }

    public string Name => "polymarket";

    public ChannelReader<VenueEvent> Events => _events.Reader;

    /// <summary>The API key in use (order owner), after <see cref="StartAsync"/>.</summary>
    public string? ApiKey => _apiKey;

    /// <summary>The maker address: the funder for types 1–2, else the EOA.</summary>
    public string MakerAddress => _options.Funder ?? _signer.Address;

    public PolymarketUserStream? UserStream => _user;

    /// <summary>Creates or derives the API key, loads the markets, starts the user channel and heartbeats.</summary>
    public async Task<VenueResult<PolymarketApiCredentials>> StartAsync(CancellationToken cancellationToken)
    {
        var credentials = await _client.CreateOrDeriveApiKeyAsync(_signer, _options.ChainId, _options.ApiKeyNonce, cancellationToken);
        if (!credentials.IsSuccess)
        {
            return credentials;
        }

        _client.UseCredentials(credentials.Value!, _signer.Address);
        _apiKey = credentials.Value!.Key;
        var markets = await _client.GetMarketsAsync(cancellationToken);
        if (!markets.IsSuccess)
        {
            return markets.Error;
        }

        _catalog.Update(markets.Value!, _time.GetUtcNow());
        _user = new PolymarketUserStream(_streamOptions, credentials.Value!, _time, OnUserEvent, BackfillFillsAsync, _loggers.CreateLogger<PolymarketUserStream>());
        _user.Start();
        if (_options.HeartbeatInterval is { } interval)
        {
            _heartbeats = Task.Run(() => HeartbeatLoopAsync(interval, _stopping.Token), CancellationToken.None);
        }

        return credentials;
    }

    /// <inheritdoc/>
    public PreparedOrder Prepare(ClientOrderId id, OrderIntent intent, DateTimeOffset now)
    {
        var owner = _apiKey ?? throw new InvalidOperationException("PolymarketVenue.StartAsync must succeed before orders are prepared.");
        var info = _catalog.Token(intent.Token)
            ?? throw new OrderNotPreparedException($"token {intent.Token} is not in a market the venue listed; it cannot be signed");
        if (!info.Tick.IsOnGrid(intent.LimitPrice.Value))
        {
            // The tick changed after the engine priced this order (the catalog learns it first): rounding would sign a
            // price nobody asked for, so the order is refused and the strategy re-prices on the new grid.
            throw new OrderNotPreparedException($"price {intent.LimitPrice} is off the market's current tick {info.Tick}");
        }

        ulong expiration = 0;
        if (intent.Type == OrderType.Gtd)
        {
            var expiresAt = intent.ExpiresAt ?? throw new ArgumentException("A GTD order needs ExpiresAt.", nameof(intent));
            expiration = (ulong)Math.Max(0, expiresAt.ToUnixTimeSeconds());
        }

        var args = new PolymarketLimitOrderArgs(intent.Token.Value, intent.Side, intent.LimitPrice.Value, intent.Quantity.Shares, info.Tick, info.NegRisk,
            Expiration: expiration);
        var signed = _builder.BuildLimit(args, _salt(), (ulong)now.ToUnixTimeMilliseconds());
        var body = PolymarketRequestBodies.Order(signed, owner, intent.Type, intent.PostOnly && !intent.IsImmediate);
        _orderTokens[signed.VenueOrderId] = intent.Token;
        // Order bodies are pure ASCII: the string round-trips to the exact bytes the HMAC covers.
        return new PreparedOrder(id, signed.VenueOrderId, intent, Encoding.ASCII.GetString(body));
    }

    /// <inheritdoc/>
    public async Task<SubmitResult> SubmitAsync(PreparedOrder order, CancellationToken cancellationToken)
    {
        if (order.Payload is null)
        {
            throw new ArgumentException("A Polymarket order needs its signed body.", nameof(order));
        }

        _orderTokens[order.VenueId] = order.Intent.Token;
        var result = await _client.PostOrderAsync(Encoding.ASCII.GetBytes(order.Payload), cancellationToken);
        var submit = ToSubmitResult(order, result);
        Log.Submitted(_logger, order.VenueId.Value, submit.Outcome, submit.Error, submit.State?.Status);
        return submit;
    }

    /// <summary>The submit outcome of a POST /order answer. Only an answer proves anything: no answer is Unknown.</summary>
    public static SubmitResult ToSubmitResult(PreparedOrder order, VenueResult<PolymarketOrderResponse> result)
    {
        if (!result.IsSuccess)
        {
            return result.Error.Kind switch
            {
                // No answer, a 5xx, or an answer we cannot read: the order may be live. Never re-sent; resolved by its hash.
                VenueErrorKind.Timeout or VenueErrorKind.Transport or VenueErrorKind.Decode => SubmitResult.Unknown(result.Error),
                // 401/403/404/4xx, 425 restart, 429, 503 cancel-only: refused before matching, nothing happened.
                _ => SubmitResult.Rejected(result.Error),
            };
        }

        var response = result.Value!;
        if (!response.Success)
        {
            return SubmitResult.Rejected(PolymarketErrorMapper.OrderReject(response.ErrorMsg is { Length: > 0 } msg ? msg : response.Error));
        }

        var intent = order.Intent;
        // BUY: takingAmount is the shares received; SELL: makingAmount is the shares given (decimal strings, may be "").
        var matchedShares = PolymarketDecimal.OrZero(intent.Side == Side.Buy ? response.TakingAmount : response.MakingAmount);
        var matched = Size.Min(Size.Of(decimal.Round(Math.Max(0m, matchedShares), 6, MidpointRounding.ToZero)), intent.Quantity);
        var status = (response.Status ?? string.Empty).ToUpperInvariant() switch
        {
            "MATCHED" => VenueOrderStatus.Matched,
            "DELAYED" => VenueOrderStatus.Delayed,
            "UNMATCHED" => VenueOrderStatus.Cancelled,
            _ => VenueOrderStatus.Live,
        };
        if (intent.IsImmediate && status == VenueOrderStatus.Matched && matched < intent.Quantity)
        {
            // FAK: the unfilled rest was killed.
            status = VenueOrderStatus.Cancelled;
        }
        else if (status == VenueOrderStatus.Matched && matched.IsZero)
        {
            matched = intent.Quantity;
        }

        var id = string.IsNullOrEmpty(response.OrderId) ? order.VenueId : new VenueOrderId(response.OrderId);
        return SubmitResult.Accepted(new VenueOrderState(id, intent.Token, intent.Side, intent.LimitPrice, intent.Quantity, matched, status));
    }

    public async Task<VenueResult<bool>> CancelAsync(VenueOrderId order, CancellationToken cancellationToken)
    {
        var result = await _client.CancelOrderAsync(order, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        return VenueResult<bool>.Ok(result.Value!.Canceled?.Any(c => string.Equals(c, order.Value, StringComparison.OrdinalIgnoreCase)) == true);
    }

    public async Task<VenueResult<IReadOnlyList<VenueOrderId>>> CancelAllAsync(CancellationToken cancellationToken)
    {
        var result = await _client.CancelAllAsync(cancellationToken);
        return result.IsSuccess
            ? VenueResult<IReadOnlyList<VenueOrderId>>.Ok([.. (result.Value!.Canceled ?? []).Select(c => new VenueOrderId(c))])
            : result.Error;
    }

    public async Task<VenueResult<IReadOnlyList<VenueOrderState>>> GetOpenOrdersAsync(CancellationToken cancellationToken)
    {
        var result = await _client.GetOpenOrdersAsync(null, null, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        return Decode(() => (IReadOnlyList<VenueOrderState>)[.. result.Value!.Select(PolymarketParse.OrderState)]);
    }

    public async Task<VenueResult<VenueOrderState?>> GetOrderAsync(VenueOrderId order, CancellationToken cancellationToken)
    {
        var result = await _client.GetOrderAsync(order, cancellationToken);
        if (!result.IsSuccess)
        {
            // Venue quirk: /data/order/{id} forgets terminal orders (venue-and-users.md §0.1); callers fall back to trades.
            return result.Error.Kind == VenueErrorKind.NotFound ? VenueResult<VenueOrderState?>.Ok(null) : result.Error;
        }

        return string.IsNullOrEmpty(result.Value!.Id) ? VenueResult<VenueOrderState?>.Ok(null) : Decode<VenueOrderState?>(() => PolymarketParse.OrderState(result.Value));
    }

    public async Task<VenueResult<IReadOnlyList<VenueFill>>> GetTradesAsync(VenueOrderId? order, CancellationToken cancellationToken)
    {
        TokenId? token = order is { } id && _orderTokens.TryGetValue(id, out var t) ? t : null;
        var result = await _client.GetTradesAsync(null, token?.Value, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        var apiKey = _apiKey ?? string.Empty;
        return Decode(() =>
        {
            IEnumerable<VenueFill> fills = result.Value!.SelectMany(trade => PolymarketParse.Fills(trade, apiKey, _time));
            if (order is { } wanted)
            {
                fills = fills.Where(f => string.Equals(f.Order.Value, wanted.Value, StringComparison.OrdinalIgnoreCase));
            }

            return (IReadOnlyList<VenueFill>)[.. fills];
        });
    }

    /// <summary>Cash (pUSD) and every token we ever traded, from <c>GET /balance-allowance</c>.</summary>
    public async Task<VenueResult<VenueBalances>> GetBalancesAsync(CancellationToken cancellationToken)
    {
        var cash = await _client.GetBalanceAllowanceAsync(null, _options.SignatureType, cancellationToken);
        if (!cash.IsSuccess)
        {
            return cash.Error;
        }

        var trades = await _client.GetTradesAsync(null, null, cancellationToken);
        if (!trades.IsSuccess)
        {
            return trades.Error;
        }

        var tokens = new Dictionary<TokenId, decimal>();
        foreach (var asset in trades.Value!.Select(t => t.AssetId).Distinct(StringComparer.Ordinal))
        {
            var balance = await _client.GetBalanceAllowanceAsync(asset, _options.SignatureType, cancellationToken);
            if (!balance.IsSuccess)
            {
                return balance.Error;
            }

            var shares = BaseUnits(balance.Value!.Balance);
            if (shares != 0m)
            {
                tokens[new TokenId(asset)] = shares;
            }
        }

        return VenueResult<VenueBalances>.Ok(new VenueBalances(BaseUnits(cash.Value!.Balance), tokens));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _heartbeats.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_user is not null)
        {
            await _user.DisposeAsync();
        }

        _events.Writer.TryComplete();
        _stopping.Dispose();
    }

    /// <summary>6-decimal base units (an integer string) to a decimal amount.</summary>
    private static decimal BaseUnits(string? text) => PolymarketDecimal.OrZero(text) / 1_000_000m;

    private static VenueResult<T> Decode<T>(Func<T> map)
    {
        try
        {
            return VenueResult<T>.Ok(map());
        }
        catch (FormatException ex)
        {
            return new VenueError(VenueErrorKind.Decode, ex.Message, IsTransient: false);
        }
        catch (ArgumentException ex)
        {
            return new VenueError(VenueErrorKind.Decode, ex.Message, IsTransient: false);
        }
    }

    private void OnUserEvent(VenueEvent venueEvent)
    {
        if (venueEvent is VenueFillEvent fill)
        {
            lock (_fillsLock)
            {
                if (!_seenFills.Add(fill.Fill.Trade))
                {
                    return;
                }
            }
        }

        _events.Writer.TryWrite(venueEvent);
    }

    /// <summary>After a user-channel reconnect: the fills of trades we have not reported yet.</summary>
    private async Task BackfillFillsAsync(CancellationToken cancellationToken)
    {
        var trades = await GetTradesAsync(null, cancellationToken);
        if (!trades.IsSuccess)
        {
            Log.HeartbeatFailed(_logger, "trade backfill after reconnect: " + trades.Error);
            return;
        }

        foreach (var fill in trades.Value!.OrderBy(f => f.Time))
        {
            OnUserEvent(new VenueFillEvent(fill));
        }
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        string? previous = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await _client.PostHeartbeatAsync(previous, cancellationToken);
                if (result.IsSuccess && string.IsNullOrEmpty(result.Value!.Error))
                {
                    previous = result.Value.HeartbeatId;
                }
                else
                {
                    // A broken chain restarts from "" on the next beat.
                    Diagnostics.PolymarketDiagnostics.HeartbeatFailed();
                    Log.HeartbeatFailed(_logger, result.IsSuccess ? result.Value!.Error! : result.Error.ToString());
                    previous = null;
                }

                await Task.Delay(interval, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
