using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Signing;
using Ploy.Venues.Simulated;
using Ploy.Venues.Simulated.Ledger;

namespace Ploy.VenueServer;

/// <summary>
/// The venue's state behind the HTTP and WebSocket surface: one <see cref="SimulatedExchange"/>, the API keys it
/// issued, every order and trade that came in over the API, heartbeats, the operating mode and the WebSocket
/// subscribers. One lock serialises everything that touches the exchange (the exchange itself is single-threaded).
/// </summary>
internal sealed class VenueCore
{
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private readonly byte[] _keySeed;
    private readonly Dictionary<string, MarketEntry> _markets = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<MarketEntry> _marketList = [];
    private readonly Dictionary<string, MarketEntry> _byToken = [];
    private readonly Dictionary<string, (decimal Price, Side Side)> _lastTrade = [];
    private readonly Dictionary<string, ApiKeyRecord> _keys = [];
    private readonly Dictionary<string, ServerOrder> _orders = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ServerOrder> _orderList = [];
    private readonly Dictionary<string, ServerOrder> _live = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ServerTrade> _trades = [];
    private readonly Dictionary<string, (string Id, DateTimeOffset Last)> _heartbeats = [];
    private readonly HashSet<string> _funded = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<WsSubscriber> _marketSubscribers = [];
    private readonly List<WsSubscriber> _userSubscribers = [];
    private readonly Dictionary<string, Dictionary<(Side, decimal), decimal>> _publishedBooks = [];
    private readonly List<LastTradeEvent> _collected = [];
    private readonly HashSet<string> _freshBooks = [];
    private readonly Dictionary<string, ulong> _salts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _duplicatePosts = new(StringComparer.OrdinalIgnoreCase);
    private long _tradeSequence;
    private long _answerDelayTicks;
    private int _answersInFlight;
    private long _answersDelayed;
    private long _answersAbandoned;

    public VenueCore(VenueServerOptions options, TimeProvider wall, ILogger logger)
    {
        Options = options;
        Wall = wall;
        _logger = logger;
        Sim = new SimulationClock(wall, options.Speed);
        Exchange = new SimulatedExchange(options.Simulation, Sim);
        _keySeed = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"ploy-venue-keys|{options.Simulation.Seed}")));
        Exchange.Start();
        lock (_gate)
        {
            AfterOperation();
        }
    }

    public VenueServerOptions Options { get; }

    public TimeProvider Wall { get; }

    public SimulationClock Sim { get; }

    public SimulatedExchange Exchange { get; }

    public VenueMode Mode { get; set; } = VenueMode.Normal;

    /// <summary>Admin: while frozen the simulation does not advance (no background trading, no heartbeat expiry).</summary>
    public bool Frozen { get; set; }

    /// <summary>
    /// Admin: how long an order POST's answer is held after the order was processed (default none). It widens the
    /// window in which a client holds an order the venue took but has no answer yet — what a crash test aims at.
    /// </summary>
    public TimeSpan AnswerDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _answerDelayTicks));
        set => Interlocked.Exchange(ref _answerDelayTicks, value.Ticks);
    }

    /// <summary>Holds an order POST's answer for <see cref="AnswerDelay"/>, counting answers the client went away from.</summary>
    public async Task DelayAnswerAsync(CancellationToken requestAborted)
    {
        var delay = AnswerDelay;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        Interlocked.Increment(ref _answersInFlight);
        Interlocked.Increment(ref _answersDelayed);
        try
        {
            await Task.Delay(delay, requestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client is gone (killed, or it reset the connection): the order stands, the answer is lost.
            Interlocked.Increment(ref _answersAbandoned);
        }
        finally
        {
            Interlocked.Decrement(ref _answersInFlight);
        }
    }

    // ---------------------------------------------------------------- time

    /// <summary>Advances the simulation to now, expires silent heartbeats, and publishes what changed.</summary>
    public void Pump()
    {
        lock (_gate)
        {
            if (Frozen)
            {
                return;
            }

            Exchange.AdvanceTo(Sim.GetUtcNow());
            ExpireHeartbeats();
            AfterOperation();
        }
    }

    private void ExpireHeartbeats()
    {
        var now = Wall.GetUtcNow();
        foreach (var (key, beat) in _heartbeats.ToList())
        {
            if (now - beat.Last <= Options.HeartbeatTimeout)
            {
                continue;
            }

            _heartbeats.Remove(key);
            var cancelled = CancelWhere(o => o.Owner.Key == key);
            Log.HeartbeatExpired(_logger, key, cancelled.Count);
        }
    }

    // ---------------------------------------------------------------- markets

    public IReadOnlyList<MarketEntry> Markets()
    {
        lock (_gate)
        {
            return [.. _marketList];
        }
    }

    public MarketEntry? MarketByCondition(string condition)
    {
        lock (_gate)
        {
            return _markets.GetValueOrDefault(condition);
        }
    }

    public MarketEntry? MarketByToken(string tokenId)
    {
        lock (_gate)
        {
            return _byToken.GetValueOrDefault(tokenId);
        }
    }

    /// <summary>The decimal uint256 public id of a simulator token: SHA-256 of its slug read as an unsigned big-endian integer.</summary>
    public static string PublicTokenId(TokenId token) =>
        new BigInteger(SHA256.HashData(Encoding.UTF8.GetBytes(token.Value)), isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);

    private void SyncMarkets()
    {
        var active = Exchange.ActiveMarkets;
        foreach (var market in active)
        {
            if (_markets.ContainsKey(market.Condition.Value))
            {
                continue;
            }

            var entry = new MarketEntry(market, PublicTokenId(market.Yes), PublicTokenId(market.No));
            _markets[entry.ConditionId] = entry;
            _marketList.Add(entry);
            _byToken[entry.YesId] = entry;
            _byToken[entry.NoId] = entry;
            if (Options.StartingSets > 0m)
            {
                foreach (var account in _funded)
                {
                    Exchange.Ledger.Split(new AccountId(account), market, Options.StartingSets);
                }
            }
        }

        foreach (var entry in _marketList)
        {
            if (!entry.Closed && !active.Any(m => m.Condition == entry.Market.Condition))
            {
                entry.Closed = true;
                entry.Winner = Exchange.Resolutions.LastOrDefault(r => r.Condition == entry.Market.Condition)?.Winner;
            }
        }
    }

    /// <summary>The simulator's reference price and the simulated time it was read at (served on the RTDS-shaped socket).</summary>
    public (decimal Price, DateTimeOffset At) ReferencePrice()
    {
        lock (_gate)
        {
            return (Exchange.ReferencePrice, Sim.GetUtcNow());
        }
    }

    // ---------------------------------------------------------------- books

    public PolymarketBookSummary? Book(string tokenId)
    {
        lock (_gate)
        {
            return _byToken.TryGetValue(tokenId, out var entry) ? BookUnlocked(entry, tokenId) : null;
        }
    }

    private PolymarketBookSummary BookUnlocked(MarketEntry entry, string tokenId)
    {
        var token = entry.SimToken(tokenId);
        var condition = entry.Market.Condition;
        // A book holds at most one level per slot of the engine's grid (finer than the tick: orders placed before a
        // tick-size change may rest between the new ticks).
        var buffer = ArrayPool<BookLevel>.Shared.Rent(Math.Max(1, Exchange.Engine.LevelCapacity(condition)));
        List<PolymarketBookLevel> bids;
        List<PolymarketBookLevel> asks;
        try
        {
            var bidCount = entry.Closed ? 0 : Exchange.Engine.CopyDepth(condition, token, Side.Buy, buffer);
            // Served best level last: bids ascending, asks descending.
            bids = buffer[..bidCount].Reverse().Select(Level).ToList();
            var askCount = entry.Closed ? 0 : Exchange.Engine.CopyDepth(condition, token, Side.Sell, buffer);
            asks = buffer[..askCount].Reverse().Select(Level).ToList();
        }
        finally
        {
            ArrayPool<BookLevel>.Shared.Return(buffer);
        }

        return new PolymarketBookSummary(
            entry.ConditionId,
            tokenId,
            Sim.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            bids,
            asks,
            Json.Dec(entry.Market.MinOrderSize.Shares),
            Json.Dec(entry.Market.Tick.Value),
            NegRisk: false,
            _lastTrade.TryGetValue(tokenId, out var last) ? Json.Dec(last.Price) : string.Empty);
    }

    private static PolymarketBookLevel Level(BookLevel level) => new(Json.Dec(level.Price.Value), Json.Dec(level.Size.Shares));

    public (decimal Price, Side Side)? LastTrade(string tokenId)
    {
        lock (_gate)
        {
            return _lastTrade.TryGetValue(tokenId, out var last) ? last : null;
        }
    }

    // ---------------------------------------------------------------- keys

    /// <summary>The credentials of (address, nonce): derived from the venue's seed, so they are stable across restarts.</summary>
    public ApiKeyRecord DeriveKey(string address, ulong nonce)
    {
        var normalized = PolymarketAddress.ToChecksum(address);
        var material = HMACSHA256.HashData(_keySeed, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{normalized.ToUpperInvariant()}|{nonce}")));
        var secret = HMACSHA256.HashData(material, "secret"u8);
        var passphrase = HMACSHA256.HashData(material, "passphrase"u8);
        Span<byte> uuid = stackalloc byte[16];
        material.AsSpan(0, 16).CopyTo(uuid);
        uuid[6] = (byte)((uuid[6] & 0x0f) | 0x40); // a version-4, RFC 4122 variant UUID, like the venue's keys
        uuid[8] = (byte)((uuid[8] & 0x3f) | 0x80);
        var key = new Guid(uuid, bigEndian: true).ToString("D", CultureInfo.InvariantCulture);
        var secretText = Convert.ToBase64String(secret).Replace('+', '-').Replace('/', '_');
        return new ApiKeyRecord(key, secretText, Convert.ToHexStringLower(passphrase), normalized, nonce);
    }

    /// <summary>Creates (or returns the existing) key of (address, nonce), funding the account on first sight.</summary>
    public ApiKeyRecord CreateKey(string address, ulong nonce)
    {
        var record = DeriveKey(address, nonce);
        lock (_gate)
        {
            if (_keys.TryAdd(record.Key, record))
            {
                Fund(record.Address);
                Log.KeyIssued(_logger, record.Key, record.Address, nonce);
            }
        }

        return record;
    }

    public ApiKeyRecord? ExistingKey(string address, ulong nonce)
    {
        var record = DeriveKey(address, nonce);
        lock (_gate)
        {
            return _keys.GetValueOrDefault(record.Key);
        }
    }

    public ApiKeyRecord? FindKey(string apiKey)
    {
        lock (_gate)
        {
            return _keys.GetValueOrDefault(apiKey);
        }
    }

    private void Fund(string address)
    {
        if (!_funded.Add(address))
        {
            return;
        }

        var account = new AccountId(address);
        Exchange.Ledger.Deposit(account, Options.StartingCash);
        if (Options.StartingSets > 0m)
        {
            foreach (var entry in _marketList.Where(m => !m.Closed))
            {
                Exchange.Ledger.Split(account, entry.Market, Options.StartingSets);
            }
        }
    }

    /// <summary>Admin: adds pUSD to an account.</summary>
    public void Deposit(string address, decimal amount)
    {
        lock (_gate)
        {
            var normalized = PolymarketAddress.ToChecksum(address);
            Fund(normalized);
            Exchange.Ledger.Deposit(new AccountId(normalized), amount);
        }
    }

    // ---------------------------------------------------------------- heartbeats

    /// <summary>Starts or continues a key's heartbeat chain; null when <paramref name="previous"/> is not the current id.</summary>
    public string? Heartbeat(ApiKeyRecord key, string? previous, out string? current)
    {
        lock (_gate)
        {
            current = _heartbeats.TryGetValue(key.Key, out var beat) ? beat.Id : null;
            if (!string.IsNullOrEmpty(previous) && previous != current)
            {
                return null;
            }

            var id = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
            _heartbeats[key.Key] = (id, Wall.GetUtcNow());
            return id;
        }
    }

    // ---------------------------------------------------------------- orders

    /// <summary>Verifies and submits one order. The result carries either the accepted order or the venue's error.</summary>
    public OrderOutcome Submit(ApiKeyRecord key, OrderRequest request)
    {
        var order = request.Order;
        if (request.Owner != key.Key)
        {
            return OrderOutcome.Fail("the order owner has to be the owner of the API KEY");
        }

        var entry = MarketByToken(order.TokenId);
        if (entry is null)
        {
            return OrderOutcome.Fail("Invalid token id");
        }

        var domain = PolymarketExchangeDomain.For(Options.ChainId, PolymarketExchangeVersion.V2, negRisk: false);
        if (OrderSignatureVerifier.Verify(order, request.Signature, domain, key.Address, out var hash) is { } signatureError)
        {
            return OrderOutcome.Fail(signatureError);
        }

        if (request.PostOnly && request.Type is OrderType.Fok or OrderType.Fak)
        {
            return OrderOutcome.Fail("invalid post-only order: post-only is only allowed for GTC and GTD orders");
        }

        if (Terms(entry, request) is not { } terms)
        {
            return OrderOutcome.Fail(TermsError(entry, request));
        }

        lock (_gate)
        {
            if (entry.Closed)
            {
                return OrderOutcome.Fail("MARKET_NOT_READY: the market is closed");
            }

            if (_orders.ContainsKey(hash))
            {
                _duplicatePosts[key.Address] = _duplicatePosts.GetValueOrDefault(key.Address) + 1;
                return OrderOutcome.Fail("INVALID_ORDER_DUPLICATED: order already exists");
            }

            var maker = PolymarketAddress.ToChecksum(order.Maker);
            Fund(maker);
            var now = Sim.GetUtcNow();
            DateTimeOffset? expiresAt = null;
            if (request.Type == OrderType.Gtd)
            {
                var wallExpiry = DateTimeOffset.FromUnixTimeSeconds((long)order.Expiration);
                expiresAt = now + TimeSpan.FromTicks((long)((wallExpiry - Wall.GetUtcNow()).Ticks * Options.Speed));
            }

            var intent = new OrderIntent(new StrategyId("api"), entry.Market.Condition, entry.SimToken(order.TokenId), order.Side,
                terms.Price, terms.Size, request.Type, request.PostOnly, expiresAt);
            DrainFeed(collectFor: null);
            var result = Exchange.Engine.Submit(new AccountId(maker), new VenueOrderId(hash), intent, now);
            if (!result.IsAccepted)
            {
                AfterOperation();
                return OrderOutcome.Fail(MapEngineError(result.Error!));
            }

            _collected.Clear();
            DrainFeed(collectFor: intent.Token);
            var engineOrder = result.Order!;
            var serverOrder = new ServerOrder(hash, key, maker, entry, order.TokenId, engineOrder, request.Type, order.Expiration, Wall.GetUtcNow());
            _orders[hash] = serverOrder;
            _orderList.Add(serverOrder);
            _salts[hash] = order.Salt;
            BroadcastOrder(serverOrder, "PLACEMENT");

            var trades = new List<ServerTrade>();
            foreach (var fill in _collected)
            {
                var trade = RecordTrade(serverOrder, hash, fill.Size.Shares, fill.Price.Value, isMaker: false, fill.At);
                trades.Add(trade);
            }

            _collected.Clear();
            serverOrder.ReportedFilled = engineOrder.Filled;
            if (engineOrder.IsResting)
            {
                _live[hash] = serverOrder;
            }

            if (request.Type == OrderType.Fok && engineOrder.Filled == 0m)
            {
                AfterOperation();
                return OrderOutcome.Fail("order couldn't be fully filled. FOK orders are fully filled or killed.", hash);
            }

            if (request.Type == OrderType.Fak && engineOrder.Filled == 0m)
            {
                AfterOperation();
                return OrderOutcome.Fail("no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.", hash);
            }

            AfterOperation();
            var status = engineOrder.IsResting ? (engineOrder.Filled > 0m ? "matched" : "live") : engineOrder.Filled > 0m ? "matched" : "unmatched";
            var notional = trades.Sum(t => t.Size * t.Price);
            var shares = trades.Sum(t => t.Size);
            var (making, taking) = order.Side == Side.Buy ? (notional, shares) : (shares, notional);
            return new OrderOutcome(true, string.Empty, hash, status, trades.Count == 0 ? string.Empty : Json.Dec(making),
                trades.Count == 0 ? string.Empty : Json.Dec(taking), [.. trades.Select(t => t.TransactionHash)], [.. trades.Select(t => t.Id)]);
        }
    }

    /// <summary>Price and size the order's amounts imply, on the market's rules; null when they break them.</summary>
    private static (Price Price, Size Size)? Terms(MarketEntry entry, OrderRequest request)
    {
        var order = request.Order;
        if (order.MakerAmount == 0 || order.TakerAmount == 0)
        {
            return null;
        }

        var (usdc, shares) = order.Side == Side.Buy ? (order.MakerAmount, order.TakerAmount) : (order.TakerAmount, order.MakerAmount);
        var price = (decimal)usdc / shares;
        var size = shares / 1_000_000m;
        var tick = entry.Market.Tick;
        if (request.Type is OrderType.Fok or OrderType.Fak)
        {
            // Market orders are priced by truncation and carry amounts, not a grid price: trade at the nearest grid
            // price and whole hundredths, as close as the engine's lots allow to what was signed.
            price = tick.RoundNearest(price);
            size = decimal.Floor(size * 100m) / 100m;
        }

        if (!tick.IsOnGrid(price) || !Price.TryCreate(price, out var p) || !Size.TryCreate(size, out var s) || s.TruncateToLot() != s || s.IsZero)
        {
            return null;
        }

        if (request.Type is OrderType.Gtc or OrderType.Gtd && s < entry.Market.MinOrderSize)
        {
            return null;
        }

        if (request.Type is OrderType.Fok or OrderType.Fak && p.Value * s.Shares < Ploy.Core.Markets.BinaryMarket.MinMarketableNotional)
        {
            return null;
        }

        if (request.Type == OrderType.Gtd ? order.Expiration == 0 : order.Expiration != 0)
        {
            return null;
        }

        return (p, s);
    }

    private static string TermsError(MarketEntry entry, OrderRequest request)
    {
        var order = request.Order;
        if (order.MakerAmount == 0 || order.TakerAmount == 0)
        {
            return "INVALID_ORDER_MIN_SIZE: amounts must be positive";
        }

        var (usdc, shares) = order.Side == Side.Buy ? (order.MakerAmount, order.TakerAmount) : (order.TakerAmount, order.MakerAmount);
        var price = (decimal)usdc / shares;
        var size = shares / 1_000_000m;
        var tick = entry.Market.Tick;
        var immediate = request.Type is OrderType.Fok or OrderType.Fak;
        if (immediate)
        {
            price = tick.RoundNearest(price);
            size = decimal.Floor(size * 100m) / 100m;
        }

        if (!tick.IsOnGrid(price))
        {
            return Invariant($"INVALID_ORDER_MIN_TICK_SIZE: order price ({Json.Dec(price)}) breaks the minimum tick size rule: {tick}");
        }

        if (decimal.Floor(size * 100m) != size * 100m || size == 0m)
        {
            return Invariant($"INVALID_ORDER_MIN_SIZE: size ({Json.Dec(size)}) must be positive with at most 2 decimals");
        }

        if (!immediate && size < entry.Market.MinOrderSize.Shares)
        {
            return Invariant($"INVALID_ORDER_MIN_SIZE: Size ({Json.Dec(size)}) lower than the minimum: {Json.Dec(entry.Market.MinOrderSize.Shares)}");
        }

        if (immediate && price * size < Ploy.Core.Markets.BinaryMarket.MinMarketableNotional)
        {
            return Invariant($"INVALID_ORDER_MIN_SIZE: marketable order amount ({Json.Dec(price * size)}) lower than the minimum: 1");
        }

        return request.Type == OrderType.Gtd
            ? "INVALID_ORDER_EXPIRATION: a GTD order needs an expiration"
            : "INVALID_ORDER_EXPIRATION: only GTD orders may carry an expiration";
    }

    private static string MapEngineError(VenueError error) => error.Kind switch
    {
        VenueErrorKind.InsufficientBalance => "not enough balance / allowance: " + error.Message,
        _ when error.Message.Contains("post-only", StringComparison.Ordinal) => "invalid post-only order: order crosses book",
        // The tick can change between the terms check and the engine (the exchange steps under the same lock, but Terms
        // reads the entry before taking it): the engine's own grid check then speaks.
        _ when error.Message.Contains(" grid ", StringComparison.Ordinal) => "INVALID_ORDER_MIN_TICK_SIZE: " + error.Message,
        _ when error.Message.Contains("1 pUSD minimum", StringComparison.Ordinal) => "INVALID_ORDER_MIN_SIZE: " + error.Message,
        _ when error.Message.Contains("expiry", StringComparison.Ordinal) => "INVALID_ORDER_EXPIRATION: " + error.Message,
        _ when error.Message.Contains("not open", StringComparison.Ordinal) => "MARKET_NOT_READY: " + error.Message,
        _ => "INVALID_ORDER: " + error.Message,
    };

    private ServerTrade RecordTrade(ServerOrder order, string takerOrderId, decimal size, decimal price, bool isMaker, DateTimeOffset at)
    {
        var id = Guid.CreateVersion7(Wall.GetUtcNow()).ToString("D", CultureInfo.InvariantCulture);
        var txHash = "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Invariant($"{id}|{++_tradeSequence}"))));
        var trade = new ServerTrade(id, takerOrderId, order.Id, order.Market, order.AssetId, order.Side, size, price, at, order.Owner,
            order.MakerAddress, isMaker, txHash);
        _trades.Add(trade);
        order.Trades.Add(id);
        BroadcastTrade(trade);
        return trade;
    }

    // ---------------------------------------------------------------- cancels

    /// <summary>Cancels the key's orders with these ids; returns (cancelled, not cancelled with reason).</summary>
    public (List<string> Canceled, Dictionary<string, string> NotCanceled) Cancel(ApiKeyRecord key, IEnumerable<string> ids)
    {
        lock (_gate)
        {
            var canceled = new List<string>();
            var notCanceled = new Dictionary<string, string>();
            foreach (var id in ids)
            {
                if (!_orders.TryGetValue(id, out var order) || order.Owner.Key != key.Key)
                {
                    notCanceled[id] = "order not found";
                }
                else if (!order.IsLive)
                {
                    notCanceled[id] = order.Engine.Status == VenueOrderStatus.Matched ? "order is already matched" : "order is already canceled";
                }
                else
                {
                    Exchange.Engine.Cancel(order.Engine.Id, Sim.GetUtcNow());
                    canceled.Add(order.Id);
                }
            }

            AfterOperation();
            return (canceled, notCanceled);
        }
    }

    /// <summary>Cancels every live order of the key matching <paramref name="filter"/>.</summary>
    public List<string> CancelAll(ApiKeyRecord key, Func<ServerOrder, bool>? filter = null)
    {
        lock (_gate)
        {
            var cancelled = CancelWhere(o => o.Owner.Key == key.Key && (filter is null || filter(o)));
            AfterOperation();
            return cancelled;
        }
    }

    private List<string> CancelWhere(Func<ServerOrder, bool> predicate)
    {
        var now = Sim.GetUtcNow();
        var cancelled = new List<string>();
        foreach (var order in _live.Values.Where(predicate).OrderBy(o => o.Engine.Sequence).ToList())
        {
            if (Exchange.Engine.Cancel(order.Engine.Id, now) is not null)
            {
                cancelled.Add(order.Id);
            }
        }

        return cancelled;
    }

    // ---------------------------------------------------------------- queries

    public List<ServerOrder> OpenOrders(ApiKeyRecord key)
    {
        lock (_gate)
        {
            return [.. _orderList.Where(o => o.Owner.Key == key.Key && o.IsLive)];
        }
    }

    public ServerOrder? Order(ApiKeyRecord key, string id)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(id, out var order) && order.Owner.Key == key.Key ? order : null;
        }
    }

    public List<ServerTrade> Trades(ApiKeyRecord key)
    {
        lock (_gate)
        {
            return [.. _trades.Where(t => t.Owner.Key == key.Key)];
        }
    }

    /// <summary>(cash, available cash) or (tokens, available tokens) of an account.</summary>
    public (decimal Total, decimal Available) Balance(string address, string? tokenId)
    {
        lock (_gate)
        {
            var account = new AccountId(PolymarketAddress.ToChecksum(address));
            if (tokenId is null)
            {
                return (Exchange.Ledger.Cash(account), Exchange.Ledger.AvailableCash(account));
            }

            if (!_byToken.TryGetValue(tokenId, out var entry))
            {
                return (0m, 0m);
            }

            var token = entry.SimToken(tokenId);
            return (Exchange.Ledger.Tokens(account, token), Exchange.Ledger.AvailableTokens(account, token));
        }
    }

    /// <summary>Admin: the whole ledger view of an account.</summary>
    public byte[] LedgerJson(string address)
    {
        lock (_gate)
        {
            var normalized = PolymarketAddress.ToChecksum(address);
            var account = new AccountId(normalized);
            var ledger = Exchange.Ledger;
            return Json.Object(w =>
            {
                w.WriteString("address", normalized);
                w.WriteString("cash", Json.Dec(ledger.Cash(account)));
                w.WriteString("available_cash", Json.Dec(ledger.AvailableCash(account)));
                w.WriteString("reserved_cash", Json.Dec(ledger.ReservedCash(account)));
                w.WriteStartArray("tokens");
                foreach (var (owner, token, total, reserved) in ledger.Holdings())
                {
                    if (owner != account || total == 0m)
                    {
                        continue;
                    }

                    var entry = _marketList.FirstOrDefault(m => m.Market.Contains(token));
                    w.WriteStartObject();
                    w.WriteString("asset_id", entry?.PublicId(token) ?? token.Value);
                    w.WriteString("sim_token", token.Value);
                    w.WriteString("market", entry?.ConditionId ?? string.Empty);
                    w.WriteString("balance", Json.Dec(total));
                    w.WriteString("reserved", Json.Dec(reserved));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("open_orders");
                foreach (var order in _orderList.Where(o => o.IsLive && o.MakerAddress == normalized))
                {
                    ProtocolJson.WriteOpenOrder(w, order);
                }

                w.WriteEndArray();
                w.WriteStartArray("trades");
                foreach (var trade in _trades.Where(t => t.MakerAddress == normalized))
                {
                    ProtocolJson.WriteTrade(w, trade);
                }

                w.WriteEndArray();
            });
        }
    }

    /// <summary>
    /// Admin audit: every order the venue took from an address (by order hash, with the signed salt), how many
    /// POSTs re-sent an order hash it already had (refused as duplicates), and what became of delayed answers.
    /// </summary>
    public byte[] OrdersAuditJson(string address, bool includeOrders)
    {
        lock (_gate)
        {
            var normalized = PolymarketAddress.ToChecksum(address);
            return Json.Object(w =>
            {
                w.WriteString("address", normalized);
                w.WriteNumber("duplicate_posts", _duplicatePosts.GetValueOrDefault(normalized));
                w.WriteNumber("answers_in_flight", Volatile.Read(ref _answersInFlight));
                w.WriteNumber("answers_delayed", Interlocked.Read(ref _answersDelayed));
                w.WriteNumber("answers_abandoned", Interlocked.Read(ref _answersAbandoned));
                w.WriteStartArray("orders");
                foreach (var order in _orderList.Where(o => includeOrders && o.MakerAddress == normalized))
                {
                    w.WriteStartObject();
                    w.WriteString("id", order.Id);
                    w.WriteString("salt", _salts.TryGetValue(order.Id, out var salt) ? salt.ToString(CultureInfo.InvariantCulture) : string.Empty);
                    w.WriteString("asset_id", order.AssetId);
                    w.WriteString("side", order.Side == Side.Buy ? "BUY" : "SELL");
                    w.WriteString("price", Json.Dec(order.Engine.Price.Value));
                    w.WriteString("original_size", Json.Dec(order.Engine.OriginalSize));
                    w.WriteString("size_matched", Json.Dec(order.Engine.Filled));
                    w.WriteString("order_type", order.Type.ToString().ToUpperInvariant());
                    w.WriteString("status", order.Engine.Status.ToString());
                    w.WriteString("created_at", order.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }
    }

    // ---------------------------------------------------------------- events

    /// <summary>
    /// Reads the exchange's market data: last trades for the books and the market channel, tick-size changes for the
    /// market entries and the channel; others are ignored (books are published from the engine's state instead).
    /// </summary>
    private void DrainFeed(TokenId? collectFor)
    {
        while (Exchange.MarketData.Events.TryRead(out var e))
        {
            if (e is TickSizeChangeEvent tick)
            {
                OnTickSizeChange(tick);
                continue;
            }

            if (e is not LastTradeEvent trade)
            {
                continue;
            }

            if (collectFor is { } token && trade.Token == token)
            {
                _collected.Add(trade);
            }

            var entry = _marketList.FirstOrDefault(m => m.Market.Contains(trade.Token));
            if (entry is null)
            {
                continue;
            }

            var publicId = entry.PublicId(trade.Token);
            _lastTrade[publicId] = (trade.Price.Value, trade.TakerSide);
            var message = Json.Object(w =>
            {
                w.WriteString("event_type", "last_trade_price");
                w.WriteString("asset_id", publicId);
                w.WriteString("market", entry.ConditionId);
                w.WriteString("price", Json.Dec(trade.Price.Value));
                w.WriteString("side", trade.TakerSide == Side.Buy ? "BUY" : "SELL");
                w.WriteString("size", Json.Dec(trade.Size.Shares));
                w.WriteString("fee_rate_bps", "0");
                w.WriteString("timestamp", trade.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            });
            foreach (var subscriber in _marketSubscribers.Where(s => s.Assets.Contains(publicId)))
            {
                subscriber.Send(message);
            }
        }
    }

    /// <summary>
    /// A market moved to a new grid: the entry trades on it from now on (<c>/tick-size</c>, <c>/book</c>, order checks), the
    /// market channel gets a <c>tick_size_change</c> in the protocol's shape (§7), and the token's next publication is a
    /// full <c>book</c> rather than deltas, since levels on the old grid are void.
    /// </summary>
    private void OnTickSizeChange(TickSizeChangeEvent tick)
    {
        SyncMarkets();
        var entry = _marketList.FirstOrDefault(m => m.Market.Contains(tick.Token));
        if (entry is null || entry.Closed)
        {
            return;
        }

        if (entry.Market.Tick != tick.NewTick)
        {
            entry.Market = entry.Market with { Tick = tick.NewTick };
            Log.TickSizeChanged(_logger, entry.ConditionId, tick.OldTick.Value, tick.NewTick.Value);
        }

        var publicId = entry.PublicId(tick.Token);
        _freshBooks.Add(publicId);
        var message = Json.Object(w =>
        {
            w.WriteString("event_type", "tick_size_change");
            w.WriteString("asset_id", publicId);
            w.WriteString("market", entry.ConditionId);
            w.WriteString("old_tick_size", Json.Dec(tick.OldTick.Value));
            w.WriteString("new_tick_size", Json.Dec(tick.NewTick.Value));
            w.WriteString("timestamp", tick.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        });
        foreach (var subscriber in _marketSubscribers.Where(s => s.Assets.Contains(publicId)))
        {
            subscriber.Send(message);
        }
    }

    /// <summary>After anything touched the exchange: markets, feed, maker fills of API orders, book deltas.</summary>
    private void AfterOperation()
    {
        SyncMarkets();
        DrainFeed(collectFor: null);
        ScanOrders();
        PublishBookChanges();
    }

    private void ScanOrders()
    {
        foreach (var order in _live.Values.ToList())
        {
            var engine = order.Engine;
            if (engine.Filled > order.ReportedFilled)
            {
                // A resting order only ever fills as maker, at its own price.
                RecordTrade(order, takerOrderId: string.Empty, engine.Filled - order.ReportedFilled, engine.Price.Value, isMaker: true, Sim.GetUtcNow());
                order.ReportedFilled = engine.Filled;
                BroadcastOrder(order, "UPDATE");
            }

            if (!engine.IsResting)
            {
                _live.Remove(order.Id);
                if (engine.Status != VenueOrderStatus.Matched)
                {
                    BroadcastOrder(order, "CANCELLATION");
                }
            }
        }
    }

    private void PublishBookChanges()
    {
        var subscribed = _marketSubscribers.SelectMany(s => s.Assets).ToHashSet();
        foreach (var tokenId in _publishedBooks.Keys.Where(k => !subscribed.Contains(k)).ToList())
        {
            _publishedBooks.Remove(tokenId);
        }

        foreach (var tokenId in subscribed)
        {
            if (!_byToken.TryGetValue(tokenId, out var entry))
            {
                continue;
            }

            var book = BookUnlocked(entry, tokenId);
            var levels = LevelsOf(book);
            if (_freshBooks.Remove(tokenId))
            {
                // After a tick-size change: the whole book, as on subscribe, so clients resync from it.
                _publishedBooks[tokenId] = levels;
                var snapshot = PolymarketBookHash.Serialize(book, PolymarketBookHash.Compute(book), "book");
                foreach (var subscriber in _marketSubscribers.Where(s => s.Assets.Contains(tokenId)))
                {
                    subscriber.Send(snapshot);
                }

                continue;
            }

            if (!_publishedBooks.TryGetValue(tokenId, out var published))
            {
                _publishedBooks[tokenId] = levels;
                continue;
            }

            var changes = new List<(Side Side, decimal Price, decimal Size)>();
            foreach (var (key, size) in levels)
            {
                if (!published.TryGetValue(key, out var old) || old != size)
                {
                    changes.Add((key.Item1, key.Item2, size));
                }
            }

            foreach (var key in published.Keys.Where(k => !levels.ContainsKey(k)))
            {
                changes.Add((key.Item1, key.Item2, 0m));
            }

            _publishedBooks[tokenId] = levels;
            if (changes.Count == 0)
            {
                continue;
            }

            var hash = PolymarketBookHash.Compute(book);
            var bestBid = book.Bids.Count > 0 ? book.Bids[^1].Price : "0";
            var bestAsk = book.Asks.Count > 0 ? book.Asks[^1].Price : "1";
            var message = Json.Object(w =>
            {
                w.WriteString("event_type", "price_change");
                w.WriteString("market", entry.ConditionId);
                w.WriteString("timestamp", book.Timestamp);
                w.WriteStartArray("price_changes");
                foreach (var change in changes)
                {
                    w.WriteStartObject();
                    w.WriteString("asset_id", tokenId);
                    w.WriteString("price", Json.Dec(change.Price));
                    w.WriteString("size", Json.Dec(change.Size));
                    w.WriteString("side", change.Side == Side.Buy ? "BUY" : "SELL");
                    w.WriteString("hash", hash);
                    w.WriteString("best_bid", bestBid);
                    w.WriteString("best_ask", bestAsk);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            foreach (var subscriber in _marketSubscribers.Where(s => s.Assets.Contains(tokenId)))
            {
                subscriber.Send(message);
            }
        }

        // Tokens nobody listens to need no fresh book: a later subscribe sends one anyway.
        _freshBooks.Clear();
    }

    private static Dictionary<(Side, decimal), decimal> LevelsOf(PolymarketBookSummary book)
    {
        var levels = new Dictionary<(Side, decimal), decimal>();
        foreach (var level in book.Bids)
        {
            levels[(Side.Buy, decimal.Parse(level.Price, CultureInfo.InvariantCulture))] = decimal.Parse(level.Size, CultureInfo.InvariantCulture);
        }

        foreach (var level in book.Asks)
        {
            levels[(Side.Sell, decimal.Parse(level.Price, CultureInfo.InvariantCulture))] = decimal.Parse(level.Size, CultureInfo.InvariantCulture);
        }

        return levels;
    }

    private void BroadcastOrder(ServerOrder order, string type)
    {
        if (_userSubscribers.Count == 0)
        {
            return;
        }

        var message = Json.Object(w =>
        {
            w.WriteString("event_type", "order");
            w.WriteString("id", order.Id);
            w.WriteString("market", order.Market.ConditionId);
            w.WriteString("asset_id", order.AssetId);
            w.WriteString("side", order.Side == Side.Buy ? "BUY" : "SELL");
            w.WriteString("price", Json.Dec(order.Engine.Price.Value));
            w.WriteString("type", type);
            w.WriteString("outcome", order.Market.OutcomeName(order.Engine.Token));
            w.WriteString("owner", order.Owner.Key);
            w.WriteString("order_owner", order.Owner.Key);
            w.WriteString("original_size", Json.Dec(order.Engine.OriginalSize));
            w.WriteString("size_matched", Json.Dec(order.Engine.Filled));
            w.WriteString("timestamp", Sim.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            w.WriteStartArray("associate_trades");
            foreach (var trade in order.Trades)
            {
                w.WriteStringValue(trade);
            }

            w.WriteEndArray();
        });
        SendToUser(order.Owner.Key, order.Market.ConditionId, message);
    }

    private void BroadcastTrade(ServerTrade trade)
    {
        if (_userSubscribers.Count == 0)
        {
            return;
        }

        var message = Json.Object(w =>
        {
            w.WriteString("event_type", "trade");
            w.WriteString("type", "TRADE");
            ProtocolJson.WriteTradeFields(w, trade);
            w.WriteString("matchtime", trade.MatchTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            w.WriteString("timestamp", trade.MatchTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            w.WriteString("trade_owner", trade.Owner.Key);
        });
        SendToUser(trade.Owner.Key, trade.Market.ConditionId, message);
    }

    private void SendToUser(string apiKey, string market, byte[] message)
    {
        foreach (var subscriber in _userSubscribers)
        {
            if (subscriber.ApiKey == apiKey && (subscriber.Markets.Count == 0 || subscriber.Markets.Contains(market)))
            {
                subscriber.Send(message);
            }
        }
    }

    // ---------------------------------------------------------------- WebSocket subscriptions

    /// <summary>Subscribes a market-channel connection to assets; returns their book snapshots (as <c>book</c> events).</summary>
    public List<byte[]> SubscribeMarket(WsSubscriber subscriber, IEnumerable<string> assets)
    {
        lock (_gate)
        {
            if (!_marketSubscribers.Contains(subscriber))
            {
                _marketSubscribers.Add(subscriber);
            }

            var snapshots = new List<byte[]>();
            foreach (var asset in assets)
            {
                subscriber.Assets.Add(asset);
                if (_byToken.TryGetValue(asset, out var entry))
                {
                    var book = BookUnlocked(entry, asset);
                    _publishedBooks.TryAdd(asset, LevelsOf(book));
                    snapshots.Add(PolymarketBookHash.Serialize(book, PolymarketBookHash.Compute(book), "book"));
                }
            }

            return snapshots;
        }
    }

    public void UnsubscribeMarket(WsSubscriber subscriber, IEnumerable<string>? assets)
    {
        lock (_gate)
        {
            if (assets is null)
            {
                _marketSubscribers.Remove(subscriber);
                return;
            }

            foreach (var asset in assets)
            {
                subscriber.Assets.Remove(asset);
            }
        }
    }

    public void SubscribeUser(WsSubscriber subscriber)
    {
        lock (_gate)
        {
            if (!_userSubscribers.Contains(subscriber))
            {
                _userSubscribers.Add(subscriber);
            }
        }
    }

    public void UnsubscribeUser(WsSubscriber subscriber)
    {
        lock (_gate)
        {
            _userSubscribers.Remove(subscriber);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
