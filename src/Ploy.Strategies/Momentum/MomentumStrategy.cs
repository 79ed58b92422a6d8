using System.Globalization;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Strategies;
using Ploy.Strategies.Common;

namespace Ploy.Strategies.Momentum;

/// <summary>
/// Buys the side a recurring round's reference price has moved towards, when the book still prices it below
/// a log-normal fair value; exits on take-profit or stop-loss against the best bid, else holds to resolution.
/// One entry per round.
/// </summary>
public sealed class MomentumStrategy : StrategyBase
{
    public const string DefaultName = "momentum";

    private static readonly TimeSpan CancelResend = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(30);

    private readonly MomentumOptions _options;
    private readonly Dictionary<ConditionId, BinaryMarket> _markets = [];
    private readonly Dictionary<ConditionId, RoundState> _rounds = [];
    private readonly OrderTracker<MomentumOrderKind> _orders = new();
    private string _lastAction = "idle";

    public MomentumStrategy(MomentumOptions options, StrategyId? id = null)
        : base(id ?? new StrategyId(DefaultName))
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _options = options;
    }

    public override void OnMarketListed(IStrategyContext context, BinaryMarket market) => Remember(market);

    public override void OnBook(IStrategyContext context, BinaryMarket market, TokenId token)
    {
        Remember(market);
        Evaluate(context, market);
    }

    public override void OnReferencePrice(IStrategyContext context, string symbol, decimal price)
    {
        foreach (var market in _markets.Values.ToList())
        {
            if (string.Equals(market.Round?.ReferenceSymbol, symbol, StringComparison.Ordinal))
            {
                Evaluate(context, market);
            }
        }
    }

    public override void OnTimer(IStrategyContext context)
    {
        foreach (var market in context.Markets)
        {
            Remember(market);
        }

        _orders.Maintain(context, CancelResend, OrphanGrace);
        foreach (var market in _markets.Values.ToList())
        {
            if (context.Now >= market.ClosesAt && _orders.FirstOpen(market.Condition) is null)
            {
                // Closed: nothing left to trade; the position settles at resolution.
                _markets.Remove(market.Condition);
                _rounds.Remove(market.Condition);
                continue;
            }

            Evaluate(context, market);
        }
    }

    public override void OnFill(IStrategyContext context, Fill fill)
    {
        var tracked = _orders.OnFill(fill);
        if (tracked is null || !_rounds.TryGetValue(tracked.Intent.Condition, out var state))
        {
            return;
        }

        if (tracked.Tag == MomentumOrderKind.Entry)
        {
            state.Entered = true;
            state.Held = fill.Token;
            state.EntryShares += fill.Quantity.Shares;
            state.EntryCost += fill.Notional;
        }

        state.Backoff.Reset();
    }

    public override void OnOrderUpdate(IStrategyContext context, Order order)
    {
        var tracked = _orders.OnUpdate(order);
        if (tracked is null || !tracked.IsEnded || !_rounds.TryGetValue(tracked.Intent.Condition, out var state))
        {
            return;
        }

        if (tracked.Tag == MomentumOrderKind.Entry && tracked.FilledShares > 0m)
        {
            // The fill report may come later; the round is entered either way (no stacking).
            state.Entered = true;
            state.Held = order.Token;
        }

        if (order.Status == OrderStatus.Rejected || (tracked.FilledShares == 0m && !tracked.CancelRequested))
        {
            // Rejected, or a FAK that found nothing: wait before trying again rather than re-sending each step.
            state.Backoff.Fail(context.Now);
            _lastAction = $"{order.Status} {tracked.Tag}: {order.Reason ?? "no fill"}";
        }
    }

    public override void OnMarketResolved(IStrategyContext context, BinaryMarket market, MarketResolution resolution)
    {
        _markets.Remove(market.Condition);
        _rounds.Remove(market.Condition);
    }

    public override string Describe()
    {
        var held = _rounds.Values.Count(r => r.Held is not null);
        return string.Create(CultureInfo.InvariantCulture, $"{Id}: {_markets.Count} rounds, {held} entered, {_orders.Open.Count} open; {_lastAction}");
    }

    private void Remember(BinaryMarket market)
    {
        if (market.Round is not null)
        {
            _markets[market.Condition] = market;
        }
    }

    private RoundState StateOf(BinaryMarket market)
    {
        if (!_rounds.TryGetValue(market.Condition, out var state))
        {
            state = new RoundState(new Backoff(_options.RejectBackoff, _options.MaxRejectBackoff));
            _rounds[market.Condition] = state;
        }

        return state;
    }

    private void Evaluate(IStrategyContext context, BinaryMarket market)
    {
        if (market.Round is not { } round || context.Now >= market.ClosesAt)
        {
            return;
        }

        var state = StateOf(market);
        if (_orders.FirstOpen(market.Condition) is { } open)
        {
            ManageOpenOrder(context, market, open);
            return;
        }

        if (state.Backoff.IsWaiting(context.Now) || TryExit(context, market, state))
        {
            return;
        }

        if (!state.Entered)
        {
            TryEnter(context, market, round, state);
        }
    }

    private void ManageOpenOrder(IStrategyContext context, BinaryMarket market, TrackedOrder<MomentumOrderKind> open)
    {
        if (open.Tag != MomentumOrderKind.Entry || open.Intent.IsImmediate)
        {
            return;
        }

        var book = context.Book(open.Intent.Token);
        var now = context.Now;
        if (book is not { IsTrusted: true }
            || now - open.PlacedAt >= _options.EntryOrderTimeout
            || now >= market.ClosesAt - _options.EntryCutoffBeforeClose)
        {
            _orders.Cancel(context, open);
        }
    }

    /// <summary>Manages a held position. True when the round holds one (so no new entry is considered).</summary>
    private bool TryExit(IStrategyContext context, BinaryMarket market, RoundState state)
    {
        var token = state.Held
            ?? (context.Position(market.Yes) >= Sizing.Lot ? market.Yes
            : context.Position(market.No) >= Sizing.Lot ? market.No
            : (TokenId?)null);
        if (token is not { } held)
        {
            return false;
        }

        // A position found without our entry (e.g. after a restart) still counts as this round's entry.
        state.Entered = true;
        state.Held = held;
        var shares = Sizing.ToLot(context.Position(held));
        if (shares.IsZero)
        {
            return true;
        }

        var book = context.Book(held);
        if (book is not { IsTrusted: true } || book.BestBid is not { } bid)
        {
            return true;
        }

        var mark = bid.Price.Value;
        if (state.Exit is null)
        {
            if (state.EntryShares == 0m)
            {
                return true; // Entry price unknown: hold to resolution.
            }

            var entry = state.EntryCost / state.EntryShares;
            if (_options.TakeProfit > 0m && mark >= entry + _options.TakeProfit)
            {
                state.Exit = MomentumOrderKind.TakeProfit;
            }
            else if (_options.StopLoss > 0m && mark <= entry - _options.StopLoss)
            {
                state.Exit = MomentumOrderKind.StopLoss;
            }
            else
            {
                return true;
            }
        }

        // Once an exit is decided it sticks: keep selling the rest at the bid until flat.
        if (!Sizing.IsMarketable(shares, mark) || !Price.TryCreate(mark, market.Tick, out var limit))
        {
            return true;
        }

        var kind = state.Exit.Value;
        _orders.Place(context, new OrderIntent(Id, market.Condition, held, Side.Sell, limit, shares, OrderType.Fak,
            Tag: kind == MomentumOrderKind.TakeProfit ? "take-profit" : "stop-loss"), kind);
        _lastAction = string.Create(CultureInfo.InvariantCulture, $"{kind} {market.OutcomeOf(held)} {shares}@{limit}");
        return true;
    }

    private void TryEnter(IStrategyContext context, BinaryMarket market, RoundInfo round, RoundState state)
    {
        var now = context.Now;
        if (now < market.OpensAt + _options.EntryDelayAfterOpen || now > market.ClosesAt - _options.EntryCutoffBeforeClose)
        {
            return;
        }

        if (context.ReferencePrice(round.ReferenceSymbol) is not { } price || price <= 0m || round.StartPrice <= 0m)
        {
            return;
        }

        var move = (price - round.StartPrice) / round.StartPrice;
        if (Math.Abs(move) < _options.EntryThreshold)
        {
            return;
        }

        var outcome = move > 0m ? Outcome.Yes : Outcome.No;
        var token = market.TokenFor(outcome);
        var book = context.Book(token);
        if (book is not { IsTrusted: true } || book.BestAsk is not { } ask)
        {
            return;
        }

        var probabilityUp = MomentumFairValue.ProbabilityUp(price, round.StartPrice, _options.AnnualizedVolatility, market.ClosesAt - now);
        var fair = outcome == Outcome.Yes ? probabilityUp : 1m - probabilityUp;
        if (!Sizing.TryBuyPrice(market.Tick, ask.Price.Value, out var limit) || limit.Value > fair - _options.Edge)
        {
            return;
        }

        var shares = Sizing.SharesForNotional(_options.OrderNotional, limit.Value, market.MinOrderSize);
        _orders.Place(context, new OrderIntent(Id, market.Condition, token, Side.Buy, limit, shares, _options.EntryOrderType,
            Tag: "momentum-entry"), MomentumOrderKind.Entry);
        _lastAction = string.Create(CultureInfo.InvariantCulture, $"buy {outcome} {shares}@{limit} fair {fair:0.###} move {move:P3}");
    }

    private sealed class RoundState(Backoff backoff)
    {
        public Backoff Backoff { get; } = backoff;

        public bool Entered { get; set; }

        public TokenId? Held { get; set; }

        public decimal EntryShares { get; set; }

        public decimal EntryCost { get; set; }

        public MomentumOrderKind? Exit { get; set; }
    }
}
