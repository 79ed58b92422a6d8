using System.Globalization;
using Ploy.Core.Books;
using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Strategies;
using Ploy.Strategies.Common;

namespace Ploy.Strategies.Arbitrage;

/// <summary>
/// Buys YES and NO together when their asks sum below 1 − fees − buffer: a complete set pays exactly 1 at
/// resolution, so held sets are riskless and held to the end. The risk is a leg filling alone; a naked leg is
/// completed while that stays within <see cref="CompleteSetArbitrageOptions.MaxCompletionSlippage"/>, else
/// unwound at the best bid, and never held past <see cref="CompleteSetArbitrageOptions.MaxNakedDuration"/> or
/// into the round's last seconds without being unwound.
/// </summary>
public sealed class CompleteSetArbitrageStrategy : StrategyBase
{
    public const string DefaultName = "arbitrage";

    private static readonly TimeSpan CancelResend = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(30);

    private readonly CompleteSetArbitrageOptions _options;
    private readonly Dictionary<ConditionId, BinaryMarket> _markets = [];
    private readonly Dictionary<ConditionId, SetState> _states = [];
    private readonly OrderTracker<ArbitrageOrderKind> _orders = new();
    private string _lastAction = "idle";

    public CompleteSetArbitrageStrategy(CompleteSetArbitrageOptions options, StrategyId? id = null)
        : base(id ?? new StrategyId(DefaultName))
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _options = options;
    }

    /// <summary>Taker fee per share of a leg at <paramref name="price"/>: rate × p × (1 − p).</summary>
    public static decimal FeePerShare(decimal rate, decimal price) => rate * price * (1m - price);

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
            if (context.Now >= market.ClosesAt && _orders.FirstOpen(market.Condition) is null)
            {
                _markets.Remove(market.Condition);
                _states.Remove(market.Condition);
                continue;
            }

            Evaluate(context, market);
        }
    }

    public override void OnFill(IStrategyContext context, Fill fill)
    {
        var tracked = _orders.OnFill(fill);
        if (tracked is null || fill.Side != Side.Buy || !_states.TryGetValue(tracked.Intent.Condition, out var state))
        {
            return;
        }

        var (shares, cost) = state.Bought.GetValueOrDefault(fill.Token);
        state.Bought[fill.Token] = (shares + fill.Quantity.Shares, cost + fill.Notional);
    }

    public override void OnOrderUpdate(IStrategyContext context, Order order)
    {
        var tracked = _orders.OnUpdate(order);
        if (tracked is null || !tracked.IsEnded || !_states.TryGetValue(tracked.Intent.Condition, out var state))
        {
            return;
        }

        state.LastOrderEnded = context.Now;
        var backoff = tracked.Tag == ArbitrageOrderKind.Leg ? state.EntryBackoff : state.RepairBackoff;
        if (order.Status == OrderStatus.Rejected || tracked.FilledShares == 0m)
        {
            if (!state.BatchFailed)
            {
                // Once per batch: both legs killed together count as one failure.
                backoff.Fail(context.Now);
                state.BatchFailed = true;
            }

            _lastAction = $"{order.Status} {tracked.Tag}: {order.Reason ?? "no fill"}";
        }

        if (_orders.FirstOpen(tracked.Intent.Condition) is null && !state.BatchFailed)
        {
            backoff.Reset();
        }
    }

    public override void OnMarketResolved(IStrategyContext context, BinaryMarket market, MarketResolution resolution)
    {
        _markets.Remove(market.Condition);
        _states.Remove(market.Condition);
    }

    public override string Describe()
    {
        var naked = _states.Values.Count(s => s.NakedSince is not null);
        var trades = _states.Values.Sum(s => s.Trades);
        return string.Create(CultureInfo.InvariantCulture, $"{Id}: {_markets.Count} markets, {trades} sets traded, {naked} naked; {_lastAction}");
    }

    private SetState StateOf(BinaryMarket market)
    {
        if (!_states.TryGetValue(market.Condition, out var state))
        {
            state = new SetState(
                new Backoff(_options.RejectBackoff, _options.MaxRejectBackoff),
                new Backoff(_options.RepairRetryDelay, _options.RepairRetryDelay));
            _states[market.Condition] = state;
        }

        return state;
    }

    private void Evaluate(IStrategyContext context, BinaryMarket market)
    {
        var now = context.Now;
        if (now >= market.ClosesAt)
        {
            return;
        }

        var state = StateOf(market);
        if (_orders.FirstOpen(market.Condition) is not null)
        {
            return; // FOK/FAK legs resolve at once; judge the position only when they have.
        }

        var imbalance = context.Position(market.Yes) - context.Position(market.No);
        if (Math.Abs(imbalance) >= Sizing.Lot)
        {
            if (now - state.LastOrderEnded < _options.FillSettleDelay)
            {
                return;
            }

            if (HandleNakedLeg(context, market, state, imbalance))
            {
                return;
            }
        }
        else
        {
            state.NakedSince = null;
        }

        TryEnter(context, market, state);
    }

    /// <summary>Completes or unwinds a naked leg. False when the leg is too small to trade at all (dust).</summary>
    private bool HandleNakedLeg(IStrategyContext context, BinaryMarket market, SetState state, decimal imbalance)
    {
        var now = context.Now;
        var heavy = imbalance > 0m ? market.Yes : market.No;
        var light = market.Complement(heavy);
        var amount = Sizing.ToLot(Math.Abs(imbalance));
        state.NakedSince ??= now;
        if (state.RepairBackoff.IsWaiting(now))
        {
            return true;
        }

        var nakedDeadline = state.NakedSince.Value + _options.MaxNakedDuration;
        var flattenAt = market.ClosesAt - _options.FlattenBeforeClose;
        var mayComplete = now < nakedDeadline && now < flattenAt;

        if (mayComplete && context.Book(light) is { IsTrusted: true, BestAsk: { } ask } && state.AverageBuy(heavy) is { } paid)
        {
            var fees = FeePerShare(_options.TakerFeeRate, paid) + FeePerShare(_options.TakerFeeRate, ask.Price.Value);
            if (paid + ask.Price.Value + fees <= 1m + _options.MaxCompletionSlippage
                && Sizing.TryBuyPrice(market.Tick, ask.Price.Value, out var limit)
                && Sizing.IsMarketable(amount, limit.Value))
            {
                PlaceBatch(context, state, new OrderIntent(Id, market.Condition, light, Side.Buy, limit, amount, OrderType.Fak,
                    Tag: "complete-set"), ArbitrageOrderKind.Complete);
                _lastAction = string.Create(CultureInfo.InvariantCulture, $"complete {market.OutcomeOf(light)} {amount}@{limit}");
                return true;
            }
        }

        if (context.Book(heavy) is not { IsTrusted: true, BestBid: { } bid } || !Sizing.TrySellPrice(market.Tick, bid.Price.Value, out var sell))
        {
            return true; // No trusted bid: nothing safe to do yet; the leg stays naked and blocks new sets.
        }

        if (!Sizing.IsMarketable(amount, sell.Value))
        {
            // Below the venue's 1 pUSD minimum: it cannot be sold, so it rides to resolution without blocking new sets.
            state.NakedSince = null;
            return false;
        }

        PlaceBatch(context, state, new OrderIntent(Id, market.Condition, heavy, Side.Sell, sell, amount, OrderType.Fak,
            Tag: "unwind"), ArbitrageOrderKind.Unwind);
        _lastAction = string.Create(CultureInfo.InvariantCulture, $"unwind {market.OutcomeOf(heavy)} {amount}@{sell}");
        return true;
    }

    private void TryEnter(IStrategyContext context, BinaryMarket market, SetState state)
    {
        var now = context.Now;
        if (now < market.OpensAt || now > market.ClosesAt - _options.EntryCutoffBeforeClose || state.EntryBackoff.IsWaiting(now))
        {
            return;
        }

        if (TopAsk(context, market.Yes) is not { } yesAsk || TopAsk(context, market.No) is not { } noAsk)
        {
            return;
        }

        var pYes = yesAsk.Price.Value;
        var pNo = noAsk.Price.Value;
        var fees = FeePerShare(_options.TakerFeeRate, pYes) + FeePerShare(_options.TakerFeeRate, pNo);
        if (pYes + pNo >= 1m - fees - _options.Buffer)
        {
            return;
        }

        var heldSets = Math.Min(context.Position(market.Yes), context.Position(market.No));
        var size = Sizing.ToLot(Math.Min(Math.Min(yesAsk.Size.Shares, noAsk.Size.Shares),
            Math.Min(_options.MaxSetSize, _options.MaxSetsPerMarket - heldSets)));
        if (size < market.MinOrderSize || !Sizing.IsMarketable(size, pYes) || !Sizing.IsMarketable(size, pNo)
            || !Price.TryCreate(pYes, market.Tick, out var yesLimit) || !Price.TryCreate(pNo, market.Tick, out var noLimit))
        {
            return;
        }

        var first = PlaceBatch(context, state, new OrderIntent(Id, market.Condition, market.Yes, Side.Buy, yesLimit, size,
            _options.LegOrderType, Tag: "arb-yes"), ArbitrageOrderKind.Leg);
        if (first.IsEnded && first.FilledShares == 0m)
        {
            return; // Refused on the spot: sending the other leg alone would only open a naked leg.
        }

        _orders.Place(context, new OrderIntent(Id, market.Condition, market.No, Side.Buy, noLimit, size,
            _options.LegOrderType, Tag: "arb-no"), ArbitrageOrderKind.Leg);
        state.Trades++;
        _lastAction = string.Create(CultureInfo.InvariantCulture, $"set {size} @ {pYes}+{pNo}");
    }

    private TrackedOrder<ArbitrageOrderKind> PlaceBatch(IStrategyContext context, SetState state, OrderIntent intent, ArbitrageOrderKind kind)
    {
        state.BatchFailed = false;
        return _orders.Place(context, intent, kind);
    }

    private static BookLevel? TopAsk(IStrategyContext context, TokenId token) =>
        context.Book(token) is { IsTrusted: true, BestAsk: { } ask } ? ask : null;

    private sealed class SetState(Backoff entryBackoff, Backoff repairBackoff)
    {
        public Backoff EntryBackoff { get; } = entryBackoff;

        public Backoff RepairBackoff { get; } = repairBackoff;

        public DateTimeOffset LastOrderEnded { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset? NakedSince { get; set; }

        public bool BatchFailed { get; set; }

        public int Trades { get; set; }

        public Dictionary<TokenId, (decimal Shares, decimal Cost)> Bought { get; } = [];

        public decimal? AverageBuy(TokenId token) =>
            Bought.TryGetValue(token, out var bought) && bought.Shares > 0m ? bought.Cost / bought.Shares : null;
    }
}
