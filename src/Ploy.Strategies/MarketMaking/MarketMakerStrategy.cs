using System.Globalization;
using Ploy.Core.Books;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Strategies;
using Ploy.Strategies.Common;

namespace Ploy.Strategies.MarketMaking;

/// <summary>
/// Quotes both sides of each market around the YES mid with GTC post-only orders. Polymarket has no short
/// selling, so the ask side is a YES sell only when YES is held; otherwise it is a NO bid at 1 − ask, the
/// complementary order (and the bid side likewise sells held NO). Quotes skew against inventory, stop on the
/// side that would pass the inventory cap, and are replaced only when the wanted price moved by the threshold
/// or the quote filled. All quotes are pulled near the close and whenever a book is untrusted.
/// </summary>
public sealed class MarketMakerStrategy : StrategyBase
{
    public const string DefaultName = "market-maker";

    private static readonly TimeSpan CancelResend = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(30);
    private const int DepthScan = 16;

    private readonly MarketMakerOptions _options;
    private readonly Dictionary<ConditionId, BinaryMarket> _markets = [];
    private readonly Dictionary<ConditionId, MakerState> _states = [];
    private readonly OrderTracker<QuoteTag> _orders = new();
    private string _lastAction = "idle";

    public MarketMakerStrategy(MarketMakerOptions options, StrategyId? id = null)
        : base(id ?? new StrategyId(DefaultName))
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _options = options;
    }

    public override void OnMarketListed(IStrategyContext context, BinaryMarket market) => _markets[market.Condition] = market;

    public override void OnBook(IStrategyContext context, BinaryMarket market, TokenId token)
    {
        _markets[market.Condition] = market;
        Evaluate(context, market);
    }

    public override void OnTimer(IStrategyContext context)
    {
        foreach (var market in context.Markets)
        {
            _markets[market.Condition] = market;
        }

        _orders.Maintain(context, CancelResend, OrphanGrace);
        foreach (var market in _markets.Values.ToList())
        {
            if (context.Now >= market.ClosesAt)
            {
                var state = StateOf(market);
                Pull(context, market, state, "closed");
                if (_orders.FirstOpen(market.Condition) is null)
                {
                    _markets.Remove(market.Condition);
                    _states.Remove(market.Condition);
                }

                continue;
            }

            Evaluate(context, market);
        }
    }

    public override void OnFill(IStrategyContext context, Fill fill)
    {
        var tracked = _orders.OnFill(fill);
        if (tracked is null || !_states.TryGetValue(tracked.Intent.Condition, out var state))
        {
            return;
        }

        // Inventory changed: the quote is replaced (re-skewed, full size) at the next evaluation.
        state.MarkFilled(tracked);
        _lastAction = string.Create(CultureInfo.InvariantCulture, $"filled {tracked.Tag.Side} {fill.Quantity}@{fill.Price}");
    }

    public override void OnOrderUpdate(IStrategyContext context, Order order)
    {
        var tracked = _orders.OnUpdate(order);
        if (tracked is null || !_states.TryGetValue(tracked.Intent.Condition, out var state))
        {
            return;
        }

        if (!tracked.IsEnded)
        {
            if (order.Status == OrderStatus.Acknowledged)
            {
                state.Backoff.Reset();
            }

            return;
        }

        state.Forget(tracked);
        if (order.Status == OrderStatus.Rejected)
        {
            state.Backoff.Fail(context.Now);
            _lastAction = $"rejected {tracked.Tag.Side}: {order.Reason ?? "no reason"}";
        }
    }

    public override void OnMarketResolved(IStrategyContext context, BinaryMarket market, MarketResolution resolution)
    {
        _orders.CancelAll(context, market.Condition);
        _markets.Remove(market.Condition);
        _states.Remove(market.Condition);
    }

    public override string Describe()
    {
        var quoted = _states.Values.Count(s => s.Bid is not null || s.Ask is not null);
        return string.Create(CultureInfo.InvariantCulture, $"{Id}: {quoted}/{_markets.Count} markets quoted, {_orders.Open.Count} open orders; {_lastAction}");
    }

    private MakerState StateOf(BinaryMarket market)
    {
        if (!_states.TryGetValue(market.Condition, out var state))
        {
            state = new MakerState(new Backoff(_options.RejectBackoff, _options.MaxRejectBackoff));
            _states[market.Condition] = state;
        }

        return state;
    }

    private void Evaluate(IStrategyContext context, BinaryMarket market)
    {
        var state = StateOf(market);
        var now = context.Now;
        if (now < market.OpensAt)
        {
            return;
        }

        if (now >= market.ClosesAt - _options.PullBeforeClose)
        {
            Pull(context, market, state, "closing");
            return;
        }

        if (context.Book(market.Yes) is not { IsTrusted: true } yesBook || context.Book(market.No) is not { IsTrusted: true } noBook)
        {
            Pull(context, market, state, "untrusted book");
            return;
        }

        if (OthersBest(yesBook, Side.Buy, market) is not { } bestBid || OthersBest(yesBook, Side.Sell, market) is not { } bestAsk)
        {
            Pull(context, market, state, "one-sided book");
            return;
        }

        var size = Sizing.ToLot(Math.Max(_options.QuoteSize, market.MinOrderSize.Shares));
        var inventory = context.Position(market.Yes) - context.Position(market.No);
        var plan = MarketMakerQuoter.Compute(_options, market.Tick, bestBid, bestAsk, inventory, size.Shares);
        Reconcile(context, market, state, QuoteSide.Bid, plan.Bid is { } bid ? Route(context, market, state, yesBook, noBook, QuoteSide.Bid, bid, size) : null);
        Reconcile(context, market, state, QuoteSide.Ask, plan.Ask is { } ask ? Route(context, market, state, yesBook, noBook, QuoteSide.Ask, ask, size) : null);
    }

    /// <summary>
    /// The best YES price on one side net of our own resting orders, so that our quotes do not move the mid
    /// they are priced from (otherwise every skewed re-quote would shift the mid again). Our NO orders count at
    /// their YES-equivalent price because the venue shows a NO bid at p as a YES ask at 1 − p.
    /// </summary>
    private decimal? OthersBest(IOrderBookView book, Side side, BinaryMarket market)
    {
        Span<BookLevel> levels = stackalloc BookLevel[DepthScan];
        var count = book.CopyDepth(side, levels);
        for (var i = 0; i < count; i++)
        {
            var price = levels[i].Price.Value;
            var size = levels[i].Size.Shares;
            foreach (var own in _orders.Open)
            {
                if (own.Intent.Condition == market.Condition && YesSide(market, own.Intent) == side && YesPrice(market, own.Intent) == price)
                {
                    size -= own.Intent.Quantity.Shares - own.FilledShares;
                }
            }

            if (size > 0m)
            {
                return price;
            }
        }

        return null;
    }

    private static Side YesSide(BinaryMarket market, OrderIntent intent) =>
        intent.Token == market.Yes ? intent.Side : intent.Side.Opposite();

    private static decimal YesPrice(BinaryMarket market, OrderIntent intent) =>
        intent.Token == market.Yes ? intent.LimitPrice.Value : 1m - intent.LimitPrice.Value;

    /// <summary>Shares of <paramref name="token"/> our open sells other than <paramref name="except"/> still offer.</summary>
    private decimal Offered(TokenId token, TrackedOrder<QuoteTag>? except)
    {
        var shares = 0m;
        foreach (var own in _orders.Open)
        {
            if (!ReferenceEquals(own, except) && own.Intent.Token == token && own.Intent.Side == Side.Sell)
            {
                shares += own.Intent.Quantity.Shares - own.FilledShares;
            }
        }

        return shares;
    }

    /// <summary>
    /// Picks the order that expresses a YES-space quote, or null if it would cross its own book or must wait for a
    /// cancel to free the shares it sells.
    /// </summary>
    private OrderIntent? Route(IStrategyContext context, BinaryMarket market, MakerState state, IOrderBookView yesBook, IOrderBookView noBook,
        QuoteSide side, decimal yesPrice, Size size)
    {
        // Selling held inventory of the token whose sale is this quote beats buying its complement (no new capital).
        var sells = side == QuoteSide.Bid ? market.No : market.Yes;
        var held = context.Position(sells);
        if (held >= size.Shares && held - Offered(sells, except: state.Slot(side)) < size.Shares)
        {
            // A sell being replaced still offers these shares until the venue confirms its cancel: selling them again
            // would be refused (by the risk gate, and by the venue). Wait for the confirmation, then sell.
            return null;
        }

        var (token, orderSide, price, book) = side == QuoteSide.Bid
            ? held >= size.Shares ? (market.No, Side.Sell, 1m - yesPrice, noBook) : (market.Yes, Side.Buy, yesPrice, yesBook)
            : held >= size.Shares ? (market.Yes, Side.Sell, yesPrice, yesBook) : (market.No, Side.Buy, 1m - yesPrice, noBook);
        if (!Price.TryCreate(price, market.Tick, out var limit))
        {
            return null;
        }

        // Post-only would be rejected if it crossed; checking the token's own book avoids a reject/back-off cycle.
        var crosses = orderSide == Side.Buy
            ? book.BestAsk is { } ask && ask.Price <= limit
            : book.BestBid is { } bid && bid.Price >= limit;
        if (crosses)
        {
            return null;
        }

        return new OrderIntent(Id, market.Condition, token, orderSide, limit, size, OrderType.Gtc, PostOnly: true,
            Tag: side == QuoteSide.Bid ? "mm-bid" : "mm-ask");
    }

    private void Reconcile(IStrategyContext context, BinaryMarket market, MakerState state, QuoteSide side, OrderIntent? desired)
    {
        var current = state.Slot(side);
        if (current is { IsEnded: true })
        {
            state.Forget(current); // Forgotten as an orphan by the tracker.
            current = null;
        }

        var desiredYesPrice = desired is null ? 0m : YesPrice(market, desired);
        if (current is not null)
        {
            var keep = desired is not null
                && !state.IsFilled(side)
                && market.Tick.IsOnGrid(current.Intent.LimitPrice.Value) // the tick size may have changed under it
                && current.Intent.Token == desired.Token
                && current.Intent.Side == desired.Side
                && (Math.Abs(current.Tag.YesPrice - desiredYesPrice) < _options.RequoteThresholdTicks * market.Tick.Value
                    || context.Now - current.PlacedAt < _options.MinQuoteLife);
            if (keep)
            {
                return;
            }

            _orders.Cancel(context, current);
            state.Forget(current);
            if (desired is { Side: Side.Sell } && current.Intent.Side == Side.Sell && current.Intent.Token == desired.Token)
            {
                // The new sell needs the shares the old one offers until its cancel is confirmed (see Route).
                return;
            }
        }

        if (desired is null || state.Backoff.IsWaiting(context.Now))
        {
            return;
        }

        var placed = _orders.Place(context, desired, new QuoteTag(side, desiredYesPrice));
        if (!placed.IsEnded)
        {
            state.Set(side, placed);
        }

        _lastAction = string.Create(CultureInfo.InvariantCulture, $"quote {side} {desiredYesPrice} ({market.OutcomeOf(desired.Token)} {desired.Side} {desired.Quantity}@{desired.LimitPrice})");
    }

    private void Pull(IStrategyContext context, BinaryMarket market, MakerState state, string reason)
    {
        if (_orders.FirstOpen(market.Condition) is null)
        {
            return;
        }

        _orders.CancelAll(context, market.Condition);
        state.Forget(state.Bid);
        state.Forget(state.Ask);
        _lastAction = $"pulled {market.Condition}: {reason}";
    }

    private sealed class MakerState(Backoff backoff)
    {
        public Backoff Backoff { get; } = backoff;

        public TrackedOrder<QuoteTag>? Bid { get; private set; }

        public TrackedOrder<QuoteTag>? Ask { get; private set; }

        private bool BidFilled { get; set; }

        private bool AskFilled { get; set; }

        public TrackedOrder<QuoteTag>? Slot(QuoteSide side) => side == QuoteSide.Bid ? Bid : Ask;

        public bool IsFilled(QuoteSide side) => side == QuoteSide.Bid ? BidFilled : AskFilled;

        public void Set(QuoteSide side, TrackedOrder<QuoteTag> order)
        {
            if (side == QuoteSide.Bid)
            {
                Bid = order;
                BidFilled = false;
            }
            else
            {
                Ask = order;
                AskFilled = false;
            }
        }

        public void MarkFilled(TrackedOrder<QuoteTag> order)
        {
            BidFilled |= ReferenceEquals(order, Bid);
            AskFilled |= ReferenceEquals(order, Ask);
        }

        public void Forget(TrackedOrder<QuoteTag>? order)
        {
            if (order is null)
            {
                return;
            }

            if (ReferenceEquals(order, Bid))
            {
                Bid = null;
                BidFilled = false;
            }

            if (ReferenceEquals(order, Ask))
            {
                Ask = null;
                AskFilled = false;
            }
        }
    }
}
