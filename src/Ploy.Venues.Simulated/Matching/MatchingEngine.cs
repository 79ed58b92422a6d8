using System.Globalization;
using Ploy.Core.Books;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Simulated.Ledger;

namespace Ploy.Venues.Simulated.Matching;

/// <summary>
/// A price-time priority matching engine for binary markets, with Polymarket's complementary books: a buy of
/// one outcome also matches a resting buy of the other (minting a set), and — when enabled — a sell also
/// matches a resting sell of the other (merging one). The better price across the direct and the complementary
/// book goes first; within a price, the older order. Trades execute at the maker's price. Single-threaded:
/// the caller serialises access.
/// </summary>
public sealed class MatchingEngine
{
    private const int UnitsPerOne = Price.UnitsPerOne;

    private readonly VenueLedger _ledger;
    private readonly MatchingEngineOptions _options;
    private readonly IMatchingObserver _observer;
    private readonly Dictionary<ConditionId, MarketBooks> _markets = [];
    private readonly Dictionary<VenueOrderId, EngineOrder> _live = [];
    private readonly Dictionary<AccountId, SortedDictionary<long, EngineOrder>> _byAccount = [];
    private readonly PriorityQueue<EngineOrder, (DateTimeOffset At, long Sequence)> _expiries = new();
    private long _sequence;
    private long _trades;

    public MatchingEngine(VenueLedger ledger, MatchingEngineOptions options, IMatchingObserver? observer = null)
    {
        if (options.TakerFeeRate is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TakerFeeRate, "The taker fee rate must lie in [0, 1].");
        }

        _ledger = ledger;
        _options = options;
        _observer = observer ?? NullMatchingObserver.Instance;
    }

    public VenueLedger Ledger => _ledger;

    public MatchingEngineOptions Options => _options;

    /// <summary>Markets the engine trades, in listing order.</summary>
    public IEnumerable<BinaryMarket> Markets => _markets.Values.Select(m => m.Market);

    /// <summary>Orders resting on any book.</summary>
    public int LiveOrderCount => _live.Count;

    public void AddMarket(BinaryMarket market)
    {
        if (!_markets.TryAdd(market.Condition, new MarketBooks(market, _options.FinestTick)))
        {
            throw new InvalidOperationException($"Market {market.Condition} is already listed.");
        }
    }

    public bool HasMarket(ConditionId condition) => _markets.ContainsKey(condition);

    /// <summary>The market as it trades now (its current tick), or null when it is not listed.</summary>
    public BinaryMarket? Market(ConditionId condition) => _markets.TryGetValue(condition, out var books) ? books.Market : null;

    /// <summary>The most levels one book side of a market can hold (0 when it is not listed): a buffer this long holds any depth.</summary>
    public int LevelCapacity(ConditionId condition) => _markets.TryGetValue(condition, out var books) ? books.Capacity : 0;

    /// <summary>
    /// Moves a market to a new price grid: from now on orders off it are refused. Resting orders stay where they are,
    /// on or off the new grid (the venue does not reprice them). Returns the market as it now trades.
    /// </summary>
    public BinaryMarket ChangeTick(ConditionId condition, TickSize tick)
    {
        if (!_markets.TryGetValue(condition, out var books))
        {
            throw new InvalidOperationException($"Market {condition} is not listed.");
        }

        books.ChangeTick(tick);
        return books.Market;
    }

    public EngineOrder? FindLive(VenueOrderId id) => _live.GetValueOrDefault(id);

    /// <summary>An account's resting orders, oldest first.</summary>
    public IReadOnlyList<EngineOrder> OpenOrders(AccountId account) =>
        _byAccount.TryGetValue(account, out var orders) ? [.. orders.Values] : [];

    public BookLevel? BestBid(ConditionId condition, TokenId token) => Best(condition, token, Side.Buy);

    public BookLevel? BestAsk(ConditionId condition, TokenId token) => Best(condition, token, Side.Sell);

    /// <summary>Copies up to <paramref name="destination"/>.Length levels of a token's own book side, best first.</summary>
    public int CopyDepth(ConditionId condition, TokenId token, Side side, Span<BookLevel> destination) =>
        _markets.TryGetValue(condition, out var m) ? m.Get(token, side).CopyDepth(destination) : 0;

    /// <summary>Checks an order against the venue rules, matches it, and rests what a GTC/GTD leaves.</summary>
    public EngineSubmitResult Submit(AccountId account, VenueOrderId id, OrderIntent intent, DateTimeOffset now)
    {
        if (Validate(id, intent, now, out var books) is { } rejection)
        {
            return rejection;
        }

        var quantity = intent.Quantity.Shares;
        var matchable = Matchable(books, intent, quantity);
        if (intent.PostOnly && matchable > 0m)
        {
            return EngineSubmitResult.Rejected("post-only order would take liquidity");
        }

        if (!intent.IsImmediate && matchable > 0m && matchable * intent.LimitPrice.Value < BinaryMarket.MinMarketableNotional)
        {
            return EngineSubmitResult.Rejected(Invariant($"marketable part {matchable * intent.LimitPrice.Value} pUSD is below the 1 pUSD minimum"));
        }

        if (!Reserve(account, intent, matchable, out var reservedCash))
        {
            return EngineSubmitResult.InsufficientBalance(intent.Side == Side.Buy
                ? Invariant($"needs {intent.Notional} pUSD free, has {_ledger.AvailableCash(account)}")
                : Invariant($"needs {quantity} {intent.Token} free, has {_ledger.AvailableTokens(account, intent.Token)}"));
        }

        var order = new EngineOrder(id, account, books.Market, intent, ++_sequence, now) { ReservedCash = reservedCash };
        if (intent.Type == OrderType.Fok && matchable < quantity)
        {
            // Venue quirk: a FOK that cannot fill whole is killed untouched.
            Finish(order, VenueOrderStatus.Cancelled);
            return EngineSubmitResult.Accepted(order);
        }

        Match(books, order, now);
        if (order.Remaining == 0m)
        {
            Finish(order, VenueOrderStatus.Matched);
        }
        else if (intent.IsImmediate)
        {
            Finish(order, VenueOrderStatus.Cancelled);
        }
        else
        {
            Rest(books, order, now);
        }

        return EngineSubmitResult.Accepted(order);
    }

    /// <summary>Cancels a resting order; null when it is not live.</summary>
    public EngineOrder? Cancel(VenueOrderId id, DateTimeOffset now)
    {
        if (!_live.TryGetValue(id, out var order))
        {
            return null;
        }

        Close(order, VenueOrderStatus.Cancelled, now);
        return order;
    }

    /// <summary>Cancels every resting order of an account, oldest first.</summary>
    public IReadOnlyList<EngineOrder> CancelAll(AccountId account, DateTimeOffset now)
    {
        var orders = OpenOrders(account);
        foreach (var order in orders)
        {
            Close(order, VenueOrderStatus.Cancelled, now);
        }

        return orders;
    }

    /// <summary>Cancels every resting order of an account in one market.</summary>
    public IReadOnlyList<EngineOrder> CancelAll(AccountId account, ConditionId condition, DateTimeOffset now)
    {
        var orders = OpenOrders(account).Where(o => o.Market.Condition == condition).ToList();
        foreach (var order in orders)
        {
            Close(order, VenueOrderStatus.Cancelled, now);
        }

        return orders;
    }

    /// <summary>Cancels every resting order of a market, oldest first.</summary>
    public IReadOnlyList<EngineOrder> CancelMarket(ConditionId condition, DateTimeOffset now)
    {
        if (!_markets.TryGetValue(condition, out var books))
        {
            return [];
        }

        var orders = books.AllOrders();
        foreach (var order in orders)
        {
            Close(order, VenueOrderStatus.Cancelled, now);
        }

        return orders;
    }

    /// <summary>Expires GTD orders whose time has come; returns how many.</summary>
    public int ExpireDue(DateTimeOffset now)
    {
        var count = 0;
        while (_expiries.TryPeek(out var order, out var key) && key.At <= now)
        {
            _expiries.Dequeue();
            if (order.IsResting)
            {
                Close(order, VenueOrderStatus.Expired, now);
                count++;
            }
        }

        return count;
    }

    /// <summary>Resolves a market: cancels its orders, pays 1 per winning share, burns both tokens, delists it.</summary>
    public IReadOnlyList<EngineOrder> Resolve(ConditionId condition, Outcome winner, DateTimeOffset now)
    {
        if (!_markets.TryGetValue(condition, out var books))
        {
            throw new InvalidOperationException($"Market {condition} is not listed.");
        }

        var cancelled = CancelMarket(condition, now);
        _ledger.Settle(books.Market, winner);
        _markets.Remove(condition);
        return cancelled;
    }

    /// <summary>Shares an order could fill right now at its limit, up to <paramref name="cap"/> (both books).</summary>
    public decimal Matchable(ConditionId condition, OrderIntent intent, decimal cap) =>
        _markets.TryGetValue(condition, out var books) ? Matchable(books, intent, cap) : 0m;

    private BookLevel? Best(ConditionId condition, TokenId token, Side side)
    {
        if (!_markets.TryGetValue(condition, out var m) || m.Get(token, side).Best is not { } level)
        {
            return null;
        }

        return new BookLevel(m.Get(token, side).PriceAt(level.Index), Size.Of(level.Total));
    }

    private EngineSubmitResult? Validate(VenueOrderId id, OrderIntent intent, DateTimeOffset now, out MarketBooks books)
    {
        books = null!;
        if (!_markets.TryGetValue(intent.Condition, out var found) || !found.Market.Contains(intent.Token))
        {
            return EngineSubmitResult.Rejected($"unknown market {intent.Condition} or token {intent.Token}");
        }

        books = found;
        var market = found.Market;
        if (now >= market.ClosesAt || now < market.OpensAt)
        {
            return EngineSubmitResult.Rejected($"market {market.Condition} is not open");
        }

        if (_live.ContainsKey(id))
        {
            return EngineSubmitResult.Rejected($"duplicate order {id}");
        }

        if (!market.Tick.IsOnGrid(intent.LimitPrice.Value))
        {
            return EngineSubmitResult.Rejected(Invariant($"price {intent.LimitPrice} is not on the {market.Tick} grid in [{market.Tick.MinPrice}, {market.Tick.MaxPrice}]"));
        }

        var quantity = intent.Quantity.Shares;
        if (quantity <= 0m || intent.Quantity.TruncateToLot() != intent.Quantity)
        {
            return EngineSubmitResult.Rejected(Invariant($"size {quantity} must be positive whole hundredths"));
        }

        if (intent.PostOnly && intent.IsImmediate)
        {
            return EngineSubmitResult.Rejected("post-only applies to GTC/GTD orders only");
        }

        if (intent.Type == OrderType.Gtd && (intent.ExpiresAt is not { } expires || expires <= now))
        {
            return EngineSubmitResult.Rejected("a GTD order needs an expiry in the future");
        }

        if (!intent.IsImmediate && intent.Quantity < market.MinOrderSize)
        {
            return EngineSubmitResult.Rejected(Invariant($"size {quantity} is below the minimum resting size {market.MinOrderSize}"));
        }

        if (intent.IsImmediate && intent.Notional < BinaryMarket.MinMarketableNotional)
        {
            return EngineSubmitResult.Rejected(Invariant($"marketable order of {intent.Notional} pUSD is below the 1 pUSD minimum"));
        }

        return null;
    }

    private bool Reserve(AccountId account, OrderIntent intent, decimal matchable, out decimal reservedCash)
    {
        reservedCash = 0m;
        if (intent.Side == Side.Sell)
        {
            return _ledger.TryReserveTokens(account, intent.Token, intent.Quantity.Shares);
        }

        // The taker fee is paid from free cash at each fill, so the worst case must be free now: the fee peaks
        // at p = 0.5, and a buy never executes above its limit.
        var p = intent.LimitPrice.Value;
        var worstFee = matchable * _options.TakerFeeRate * (p >= 0.5m ? 0.25m : p * (1m - p));
        reservedCash = intent.Notional;
        return _ledger.TryReserveCash(account, reservedCash, worstFee);
    }

    private decimal Matchable(MarketBooks books, OrderIntent intent, decimal cap)
    {
        var total = 0m;
        var limit = intent.LimitPrice.Units;
        var direct = books.Get(intent.Token, intent.Side.Opposite());
        foreach (var level in direct.Levels())
        {
            if (!DirectCrosses(intent.Side, direct.PriceAt(level.Index).Units, limit) || (total += level.Total) >= cap)
            {
                break;
            }
        }

        if (total < cap && ComplementOf(books, intent.Token, intent.Side) is { } complement)
        {
            foreach (var level in complement.Levels())
            {
                var effective = UnitsPerOne - complement.PriceAt(level.Index).Units;
                if (!DirectCrosses(intent.Side, effective, limit) || (total += level.Total) >= cap)
                {
                    break;
                }
            }
        }

        return Math.Min(total, cap);
    }

    /// <summary>Whether a counter price (in the taker's token) is within the taker's limit.</summary>
    private static bool DirectCrosses(Side takerSide, int counterUnits, int limitUnits) =>
        takerSide == Side.Buy ? counterUnits <= limitUnits : counterUnits >= limitUnits;

    /// <summary>The complementary source for a taker: the other token's same side (sells only when merging is on).</summary>
    private BookSide? ComplementOf(MarketBooks books, TokenId token, Side side) =>
        side == Side.Buy || _options.MergeMatching ? books.Get(books.Market.Complement(token), side) : null;

    private void Match(MarketBooks books, EngineOrder taker, DateTimeOffset now)
    {
        var direct = books.Get(taker.Token, taker.Side.Opposite());
        var complement = ComplementOf(books, taker.Token, taker.Side);
        var limit = taker.Price.Units;
        var buying = taker.Side == Side.Buy;
        while (taker.Remaining > 0m)
        {
            var d = direct.Best;
            var dUnits = d is null ? -1 : direct.PriceAt(d.Index).Units;
            if (d is not null && !DirectCrosses(taker.Side, dUnits, limit))
            {
                d = null;
            }

            var c = complement?.Best;
            var cUnits = c is null ? -1 : UnitsPerOne - complement!.PriceAt(c.Index).Units;
            if (c is not null && !DirectCrosses(taker.Side, cUnits, limit))
            {
                c = null;
            }

            bool useDirect;
            if (d is null && c is null)
            {
                return;
            }
            else if (c is null)
            {
                useDirect = true;
            }
            else if (d is null)
            {
                useDirect = false;
            }
            else
            {
                useDirect = dUnits == cUnits
                    ? d.Head!.Sequence < c.Head!.Sequence
                    : buying ? dUnits < cUnits : dUnits > cUnits;
            }

            var side = useDirect ? direct : complement!;
            var maker = (useDirect ? d : c)!.Head!;
            var kind = useDirect ? MatchKind.Direct : buying ? MatchKind.Mint : MatchKind.Merge;
            Execute(books, side, taker, maker, kind, now);
        }
    }

    private void Execute(MarketBooks books, BookSide makerSide, EngineOrder taker, EngineOrder maker, MatchKind kind, DateTimeOffset now)
    {
        var quantity = Math.Min(taker.Remaining, maker.Remaining);
        var takerPrice = kind == MatchKind.Direct ? maker.Price : maker.Price.Complement;
        var market = books.Market;
        switch (kind)
        {
            case MatchKind.Direct:
                var (buyer, seller) = taker.Side == Side.Buy ? (taker, maker) : (maker, taker);
                BuyerPays(buyer, maker.Price, quantity);
                _ledger.SellerSettles(seller.Account, seller.Token, quantity, maker.Price.Value * quantity);
                break;
            case MatchKind.Mint:
                _ledger.Mint(market, quantity);
                BuyerPays(taker, takerPrice, quantity);
                BuyerPays(maker, maker.Price, quantity);
                break;
            default:
                _ledger.SellerSettles(taker.Account, taker.Token, quantity, takerPrice.Value * quantity);
                _ledger.SellerSettles(maker.Account, maker.Token, quantity, maker.Price.Value * quantity);
                _ledger.Burn(market, quantity);
                break;
        }

        var p = takerPrice.Value;
        var fee = decimal.Round(quantity * _options.TakerFeeRate * p * (1m - p), 6, MidpointRounding.ToZero);
        _ledger.ChargeFee(taker.Account, fee);

        taker.Remaining -= quantity;
        maker.Remaining -= quantity;
        var level = maker.Level!;
        level.Total -= quantity;
        _observer.OnTrade(new EngineTrade(new TradeId(Invariant($"trade-{++_trades}")), kind, taker, maker, quantity, takerPrice, fee, now));
        if (maker.Remaining == 0m)
        {
            makerSide.Remove(maker);
            Forget(maker);
            Finish(maker, VenueOrderStatus.Matched);
            _observer.OnLevelChanged(maker.Token, maker.Side, maker.Price, level.Total, now);
            _observer.OnOrderClosed(maker, now);
        }
        else
        {
            _observer.OnLevelChanged(maker.Token, maker.Side, maker.Price, level.Total, now);
        }
    }

    private void BuyerPays(EngineOrder buyer, Price price, decimal quantity)
    {
        var release = buyer.Price.Value * quantity;
        buyer.ReservedCash -= release;
        _ledger.BuyerSettles(buyer.Account, buyer.Token, release, price.Value * quantity, quantity);
    }

    private void Rest(MarketBooks books, EngineOrder order, DateTimeOffset now)
    {
        var side = books.Get(order.Token, order.Side);
        side.Add(order);
        _live.Add(order.Id, order);
        if (!_byAccount.TryGetValue(order.Account, out var mine))
        {
            mine = [];
            _byAccount[order.Account] = mine;
        }

        mine.Add(order.Sequence, order);
        if (order.Type == OrderType.Gtd)
        {
            _expiries.Enqueue(order, (order.ExpiresAt!.Value, order.Sequence));
        }

        _observer.OnLevelChanged(order.Token, order.Side, order.Price, side.TotalAt(order.Price), now);
    }

    private void Close(EngineOrder order, VenueOrderStatus status, DateTimeOffset now)
    {
        var side = _markets[order.Market.Condition].Get(order.Token, order.Side);
        side.Remove(order);
        Forget(order);
        Finish(order, status);
        _observer.OnLevelChanged(order.Token, order.Side, order.Price, side.TotalAt(order.Price), now);
        _observer.OnOrderClosed(order, now);
    }

    private void Forget(EngineOrder order)
    {
        _live.Remove(order.Id);
        if (_byAccount.TryGetValue(order.Account, out var mine))
        {
            mine.Remove(order.Sequence);
        }
    }

    /// <summary>Ends an order and releases whatever it still reserves.</summary>
    private void Finish(EngineOrder order, VenueOrderStatus status)
    {
        order.Status = status;
        if (order.Side == Side.Buy)
        {
            if (order.ReservedCash != 0m)
            {
                _ledger.ReleaseCash(order.Account, order.ReservedCash);
                order.ReservedCash = 0m;
            }
        }
        else if (order.Remaining > 0m)
        {
            _ledger.ReleaseTokens(order.Account, order.Token, order.Remaining);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
