using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Ledger;

namespace Ploy.Venues.Simulated.Synthetic;

/// <summary>
/// A market maker quoting both outcomes of the current round around fair value: several post-only levels a side,
/// skewed against its inventory, refreshed every few seconds per outcome. It sometimes stalls on one outcome;
/// stale quotes while the price moves are what momentum and complete-set arbitrage feed on.
/// </summary>
internal sealed class LiquidityProvider(AccountId account, int rank, SyntheticContext context)
{
    private const decimal InventorySkewPerShare = 0.00005m;
    private const decimal MaxSkew = 0.015m;
    private const decimal StartingSets = 500m;
    private const decimal CashFloor = 50_000m;
    private readonly DateTimeOffset[] _nextRefresh = new DateTimeOffset[2];

    public AccountId Account { get; } = account;

    public void OnListed(BinaryMarket market, DateTimeOffset now)
    {
        context.TopUp(Account, CashFloor);
        context.Ledger.Split(Account, market, StartingSets);
        _nextRefresh[0] = _nextRefresh[1] = now;
    }

    public void Step(BinaryMarket market, double fairYes, DateTimeOffset now)
    {
        foreach (var outcome in (ReadOnlySpan<Outcome>)[Outcome.Yes, Outcome.No])
        {
            if (now < _nextRefresh[(int)outcome])
            {
                continue;
            }

            Refresh(market, outcome, fairYes, now);
            var options = context.Options;
            _nextRefresh[(int)outcome] = context.Random.Chance(options.LiquidityStallProbability)
                ? now + TimeSpan.FromSeconds(context.Random.Uniform(10, 40))
                : now + (options.LiquidityRefreshInterval * context.Random.Uniform(0.5, 1.5));
        }
    }

    private void Refresh(BinaryMarket market, Outcome outcome, double fairYes, DateTimeOffset now)
    {
        var token = market.TokenFor(outcome);
        var desired = DesiredQuotes(market, outcome, fairYes);
        var kept = new List<(Side Side, Price Price)>();
        foreach (var order in context.Engine.OpenOrders(Account))
        {
            if (order.Token != token)
            {
                continue;
            }

            var wanted = desired.FindIndex(q => q.Side == order.Side && q.Price == order.Price);
            if (wanted >= 0)
            {
                // Same price still wanted: keep it and its time priority.
                desired.RemoveAt(wanted);
                kept.Add((order.Side, order.Price));
            }
            else
            {
                context.Engine.Cancel(order.Id, now);
            }
        }

        foreach (var (side, wanted, shares) in desired)
        {
            if (NonCrossing(market, token, side, wanted) is not { } price || kept.Contains((side, price)))
            {
                continue;
            }

            kept.Add((side, price));

            if (side == Side.Sell && context.Ledger.AvailableTokens(Account, token) < shares)
            {
                // Inventory comes from splitting pUSD into sets, as real makers do.
                context.Ledger.Split(Account, market, Math.Max(shares, StartingSets / 2));
            }

            var intent = new OrderIntent(SyntheticContext.Synthetic, market.Condition, token, side, price, Size.Of(shares), OrderType.Gtc, PostOnly: true);
            _ = context.Submit(Account, intent, now);
        }

        context.Flush(now);
    }

    /// <summary>
    /// The wanted price, slid back just behind whatever it would take (the token's opposite side, or — for a bid —
    /// the complement's bid it would mint with): a maker whose other quotes are stale quotes the edge of the book
    /// instead of leaving its side empty. Null when nothing is left on the grid.
    /// </summary>
    private Price? NonCrossing(BinaryMarket market, TokenId token, Side side, Price wanted)
    {
        var engine = context.Engine;
        var tick = market.Tick.Value;
        var other = market.Complement(token);
        var price = wanted.Value;
        if (side == Side.Buy)
        {
            if (engine.BestAsk(market.Condition, token) is { } ask)
            {
                price = Math.Min(price, ask.Price.Value - tick);
            }

            if (engine.BestBid(market.Condition, other) is { } otherBid)
            {
                price = Math.Min(price, 1m - otherBid.Price.Value - tick);
            }
        }
        else
        {
            if (engine.BestBid(market.Condition, token) is { } bid)
            {
                price = Math.Max(price, bid.Price.Value + tick);
            }

            if (context.Options.MergeMatching && engine.BestAsk(market.Condition, other) is { } otherAsk)
            {
                price = Math.Max(price, 1m - otherAsk.Price.Value + tick);
            }
        }

        return market.Tick.IsOnGrid(price) ? Price.Of(price) : null;
    }

    private List<(Side Side, Price Price, decimal Shares)> DesiredQuotes(BinaryMarket market, Outcome outcome, double fairYes)
    {
        var tick = market.Tick.Value;
        var inventory = context.Ledger.Tokens(Account, market.Yes) - context.Ledger.Tokens(Account, market.No);
        var skew = Math.Clamp(inventory * InventorySkewPerShare, -MaxSkew, MaxSkew);

        // Fair is kept off the edges so both sides stay quoted even when a round looks decided.
        var fair = Math.Clamp((decimal)Math.Round(fairYes, 6) - skew, 2 * tick, 1m - (2 * tick));
        var own = outcome == Outcome.Yes ? fair : 1m - fair;
        var halfSpread = context.Options.LiquidityHalfSpread + (rank * tick);
        var quotes = new List<(Side, Price, decimal)>();
        for (var k = 0; k < context.Options.LiquidityLevels; k++)
        {
            var shares = decimal.Round((decimal)context.Random.Uniform(20, 120) * (1m + (k / 2m)), 0);
            var bid = own - halfSpread - (k * tick);
            if (bid >= tick)
            {
                Add(quotes, Side.Buy, market.Tick.RoundDown(bid), shares);
            }

            var ask = own + halfSpread + (k * tick);
            if (ask <= 1m - tick)
            {
                Add(quotes, Side.Sell, market.Tick.RoundUp(ask), shares);
            }
        }

        return quotes;
    }

    private static void Add(List<(Side Side, Price Price, decimal Shares)> quotes, Side side, decimal price, decimal shares)
    {
        var p = Price.Of(price);
        if (!quotes.Exists(q => q.Side == side && q.Price == p))
        {
            quotes.Add((side, p, shares));
        }
    }
}
