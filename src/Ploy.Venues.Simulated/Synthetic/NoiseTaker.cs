using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Ledger;

namespace Ploy.Venues.Simulated.Synthetic;

/// <summary>
/// Uninformed flow: marketable FAK orders at random times (Poisson), on a random outcome and side, for a random
/// notional of at least 1 pUSD, priced a few ticks through the best price. Makers' resting quotes get hit by it.
/// </summary>
internal sealed class NoiseTaker(AccountId account, SyntheticContext context)
{
    private const decimal StartingSets = 300m;
    private const decimal CashFloor = 100_000m;
    private const double BuyProbability = 0.55;

    public AccountId Account { get; } = account;

    public void OnListed(BinaryMarket market)
    {
        context.TopUp(Account, CashFloor);
        context.Ledger.Split(Account, market, StartingSets);
    }

    public void Step(BinaryMarket market, DateTimeOffset now)
    {
        var options = context.Options;
        var arrivals = context.Random.Poisson(options.NoiseOrdersPerMinute * options.Step.TotalSeconds / 60.0);
        for (var i = 0; i < arrivals; i++)
        {
            SendOne(market, now);
            context.Flush(now);
        }
    }

    private void SendOne(BinaryMarket market, DateTimeOffset now)
    {
        var random = context.Random;
        var outcome = random.Chance(0.5) ? Outcome.Yes : Outcome.No;
        var token = market.TokenFor(outcome);
        var other = market.Complement(token);
        var notional = decimal.Round((decimal)random.Uniform(1.0, (double)context.Options.NoiseMaxNotional), 2);
        var slip = random.Next(0, 3) * market.Tick.Value;
        var held = context.Ledger.AvailableTokens(Account, token);
        var side = random.Chance(BuyProbability) || held < 2m ? Side.Buy : Side.Sell;
        var engine = context.Engine;
        decimal limit;
        decimal shares;
        if (side == Side.Buy)
        {
            // The best price to buy at is the lower of the token's ask and the complement of the other's bid (a mint).
            var ask = engine.BestAsk(market.Condition, token)?.Price.Value ?? 1m;
            var viaMint = 1m - (engine.BestBid(market.Condition, other)?.Price.Value ?? 0m);
            var best = Math.Min(ask, viaMint);
            if (best >= 1m)
            {
                return;
            }

            limit = Math.Min(best + slip, market.Tick.MaxPrice);
            shares = Math.Ceiling(notional / limit * 100m) / 100m;
        }
        else
        {
            var bid = engine.BestBid(market.Condition, token)?.Price.Value ?? 0m;
            var viaMerge = context.Options.MergeMatching ? 1m - (engine.BestAsk(market.Condition, other)?.Price.Value ?? 1m) : 0m;
            var best = Math.Max(bid, viaMerge);
            if (best <= 0m)
            {
                return;
            }

            limit = Math.Max(best - slip, market.Tick.MinPrice);
            shares = Math.Min(held, Math.Floor(notional / limit * 100m) / 100m);
        }

        if (shares * limit < BinaryMarket.MinMarketableNotional)
        {
            return;
        }

        var intent = new OrderIntent(SyntheticContext.Synthetic, market.Condition, token, side, Price.Of(limit), Size.Of(shares), OrderType.Fak);
        _ = context.Submit(Account, intent, now);
    }
}
