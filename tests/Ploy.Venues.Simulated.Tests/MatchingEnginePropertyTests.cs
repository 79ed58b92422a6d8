using FsCheck;
using FsCheck.Fluent;
using Ploy.Core.Books;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Simulated.Ledger;
using static Ploy.Venues.Simulated.Tests.EngineFixture;

namespace Ploy.Venues.Simulated.Tests;

/// <summary>Random order sequences against the engine; the invariants must hold after every single operation.</summary>
public sealed class MatchingEnginePropertyTests
{
    private static readonly AccountId[] Accounts = [Alice, Bob, Carol];

    /// <summary>One operation: kinds 0–7 submit, 8 cancels one live order, 9 cancels all of an account.</summary>
    public sealed record Op(int Kind, int Account, bool Yes, bool Buy, int PriceTicks, int SizeCents, OrderType Type, bool PostOnly, int Pick);

    private static readonly Gen<Op> OpGen =
        from kind in Gen.Choose(0, 9)
        from account in Gen.Choose(0, 2)
        from yes in Gen.Elements(true, false)
        from buy in Gen.Elements(true, false)
        from ticks in Gen.Choose(30, 70)
        from size in Gen.Frequency((4, Gen.Choose(5, 40).Select(s => s * 100)), (1, Gen.Choose(1, 6000)))
        from type in Gen.Frequency((5, Gen.Constant(OrderType.Gtc)), (1, Gen.Constant(OrderType.Gtd)), (2, Gen.Constant(OrderType.Fok)), (2, Gen.Constant(OrderType.Fak)))
        from postOnly in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from pick in Gen.Choose(0, 1000)
        select new Op(kind, account, yes, buy, ticks, size, type, postOnly, pick);

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.0, false)]
    [InlineData(0.1, true)]
    [InlineData(0.25, false)]
    public void Submit_RandomSequences_InvariantsHoldAfterEveryOperation(double feeRate, bool merge) =>
        Prop.ForAll(Gen.ListOf(OpGen).ToArbitrary(), ops => Run(ops, (decimal)feeRate, merge)).QuickCheckThrowOnFailure();

    private static bool Run(IEnumerable<Op> ops, decimal feeRate, bool merge)
    {
        var f = new EngineFixture(feeRate, merge, cash: 200m, sets: 50m);
        var at = T0;
        foreach (var op in ops)
        {
            at = at.AddSeconds(1);
            Apply(f, op, at);
            CheckInvariants(f, merge);
        }

        var deposits = f.Ledger.TotalDeposits;
        f.Engine.Resolve(f.Market.Condition, Ploy.Core.Markets.Outcome.Yes, at);
        Assert.Equal(deposits - f.Ledger.FeesCollected, f.Ledger.TotalCash);
        Assert.All(Accounts, a => Assert.Equal(0m, f.Ledger.ReservedCash(a)));
        return true;
    }

    private static void Apply(EngineFixture f, Op op, DateTimeOffset at)
    {
        var account = Accounts[op.Account];
        if (op.Kind == 8)
        {
            var live = Accounts.SelectMany(f.Engine.OpenOrders).ToList();
            if (live.Count > 0)
            {
                var victim = live[op.Pick % live.Count];
                Assert.Same(victim, f.Engine.Cancel(victim.Id, at));
                Assert.Equal(VenueOrderStatus.Cancelled, victim.Status);
            }

            return;
        }

        if (op.Kind == 9)
        {
            f.Engine.CancelAll(account, at);
            Assert.Empty(f.Engine.OpenOrders(account));
            return;
        }

        f.Engine.ExpireDue(at);
        var token = op.Yes ? f.Yes : f.No;
        var expires = op.Type == OrderType.Gtd ? at.AddSeconds(1 + (op.Pick % 20)) : (DateTimeOffset?)null;
        var postOnly = op.PostOnly && op.Type is OrderType.Gtc or OrderType.Gtd;
        var size = op.SizeCents / 100m;
        var result = f.Submit(account, token, op.Buy ? Side.Buy : Side.Sell, op.PriceTicks / 100m, size, op.Type, postOnly, expires, at);
        if (result.Order is { } order)
        {
            if (op.Type == OrderType.Fok)
            {
                Assert.True(order.Filled == 0m || order.Filled == order.OriginalSize, "FOK filled partly");
            }

            if (op.Type is OrderType.Fok or OrderType.Fak)
            {
                Assert.False(order.IsResting);
            }

            if (postOnly)
            {
                Assert.Equal(0m, order.Filled);
            }
        }
    }

    private static void CheckInvariants(EngineFixture f, bool merge)
    {
        var condition = f.Market.Condition;
        var yesBid = f.Engine.BestBid(condition, f.Yes)?.Price.Value;
        var yesAsk = f.Engine.BestAsk(condition, f.Yes)?.Price.Value;
        var noBid = f.Engine.BestBid(condition, f.No)?.Price.Value;
        var noAsk = f.Engine.BestAsk(condition, f.No)?.Price.Value;
        Assert.False(yesBid >= yesAsk, $"YES book crossed: {yesBid} / {yesAsk}");
        Assert.False(noBid >= noAsk, $"NO book crossed: {noBid} / {noAsk}");
        Assert.False(yesBid + noBid >= 1m, $"bids should have minted: {yesBid} + {noBid}");
        if (merge)
        {
            Assert.False(yesAsk + noAsk <= 1m, $"asks should have merged: {yesAsk} + {noAsk}");
        }

        var ledger = f.Ledger;
        Assert.Equal(ledger.TotalDeposits, ledger.TotalCash + ledger.TotalCollateral + ledger.FeesCollected);
        Assert.Equal(ledger.Supply(f.Yes), ledger.Supply(f.No));
        Assert.Equal(ledger.Collateral(condition), ledger.Supply(f.Yes));
        foreach (var token in new[] { f.Yes, f.No })
        {
            Assert.Equal(ledger.Supply(token), ledger.Holdings().Where(h => h.Token == token).Sum(h => h.Total));
        }

        foreach (var (account, token, total, reserved) in ledger.Holdings())
        {
            Assert.True(total >= 0m && reserved >= 0m && reserved <= total, $"{account} {token}: {total} held, {reserved} reserved");
        }

        foreach (var account in Accounts)
        {
            var open = f.Engine.OpenOrders(account);
            Assert.True(ledger.Cash(account) >= ledger.ReservedCash(account), $"{account} cash below reservation");
            Assert.Equal(open.Where(o => o.Side == Side.Buy).Sum(o => o.Price.Value * o.Remaining), ledger.ReservedCash(account));
            foreach (var token in new[] { f.Yes, f.No })
            {
                Assert.Equal(open.Where(o => o.Side == Side.Sell && o.Token == token).Sum(o => o.Remaining), ledger.ReservedTokens(account, token));
            }
        }

        // Published depth equals the resting orders, level by level.
        var all = Accounts.SelectMany(f.Engine.OpenOrders).ToList();
        Span<BookLevel> depth = stackalloc BookLevel[128];
        foreach (var token in new[] { f.Yes, f.No })
        {
            foreach (var side in new[] { Side.Buy, Side.Sell })
            {
                var count = f.Engine.CopyDepth(condition, token, side, depth);
                var expected = all.Where(o => o.Token == token && o.Side == side)
                    .GroupBy(o => o.Price.Value)
                    .OrderBy(g => side == Side.Buy ? -g.Key : g.Key)
                    .Select(g => (g.Key, g.Sum(o => o.Remaining)))
                    .ToList();
                var actual = new List<(decimal, decimal)>();
                for (var i = 0; i < count; i++)
                {
                    actual.Add((depth[i].Price.Value, depth[i].Size.Shares));
                }

                Assert.Equal(expected, actual);
            }
        }
    }
}
