using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Execution.Gateway;

namespace Ploy.Execution.Tests;

public sealed class OrderStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TokenId[] Tokens = [new("yes"), new("no")];

    [Fact]
    public void OpenOrderQueries_RandomLivesPrunesAndRestores_EqualAScanOfEveryOrder()
    {
        // Seeded, so a failure reproduces: orders are added (some restored already terminal), moved along the state
        // machine, part-filled and pruned; after every step the indexed answers must equal a scan of every order.
        var random = new Random(20261122);
        var store = new OrderStore();
        var next = 0;
        for (var step = 0; step < 5000; step++)
        {
            var open = store.All.Where(o => !o.IsTerminal).ToList();
            var roll = random.Next(10);
            if (roll < 3 || open.Count == 0)
            {
                store.Add(NewOrder(random, next++));
            }
            else if (roll < 9)
            {
                Advance(random, open[random.Next(open.Count)]);
            }
            else
            {
                store.Prune(Now.AddSeconds(step - 200));
            }

            AssertMatchesScan(store);
        }
    }

    [Fact]
    public void Add_OrderRestoredTerminal_IsNeverLive()
    {
        var store = new OrderStore();
        var intent = Intent(Tokens[0], Side.Buy);
        store.Add(Order.Restore(new ClientOrderId("done"), intent, Now, null, OrderStatus.Filled, intent.Quantity, 5m, Now, null));

        Assert.Equal(0, store.LiveCount);
        Assert.Empty(store.Unfinished);
        Assert.Single(store.All);
    }

    private static void AssertMatchesScan(OrderStore store)
    {
        static bool IsLive(Order o) => OrderTransitions.IsLive(o.Status) || o.Status == OrderStatus.Journaled;
        var live = store.All.Where(IsLive).ToList();
        Assert.Equal(live.Count, store.LiveCount);
        Assert.Equal(live.Select(o => o.Id.Value).Order(StringComparer.Ordinal), store.Live.Select(o => o.Id.Value).Order(StringComparer.Ordinal));
        Assert.Equal(store.All.Where(o => !o.IsTerminal).Select(o => o.Id.Value).Order(StringComparer.Ordinal), store.Unfinished.Select(o => o.Id.Value).Order(StringComparer.Ordinal));
        foreach (var token in Tokens)
        {
            Assert.Equal(live.Where(o => o.Side == Side.Sell && o.Token == token).Sum(o => o.RemainingQuantity.Shares), store.SharesReservedForSale(token));
            Assert.Equal(live.Where(o => o.Side == Side.Buy && o.Token == token).Sum(o => o.RemainingQuantity.Shares * o.LimitPrice.Value),
                store.OpenBuyNotional(o => o.Token == token));
        }
    }

    private static Order NewOrder(Random random, int n)
    {
        var intent = Intent(Tokens[random.Next(2)], random.Next(2) == 0 ? Side.Buy : Side.Sell) with
        {
            LimitPrice = Price.Of(0.01m * random.Next(1, 100)),
        };
        var id = new ClientOrderId($"o-{n}");
        if (random.Next(8) == 0)
        {
            // From the journal at start-up, possibly already ended.
            var status = (OrderStatus[])[OrderStatus.Acknowledged, OrderStatus.Cancelled, OrderStatus.Filled, OrderStatus.Rejected];
            var restored = status[random.Next(status.Length)];
            var filled = restored == OrderStatus.Filled ? intent.Quantity : Size.Of(0);
            return Order.Restore(id, intent, Now, null, restored, filled, filled.Shares * intent.LimitPrice.Value, Now, null);
        }

        return new Order(id, intent, Now.AddSeconds(n));
    }

    private static void Advance(Random random, Order order)
    {
        var at = order.UpdatedAt.AddSeconds(1);
        var choices = Enum.GetValues<OrderStatus>().Where(s => order.CanTransitionTo(s) && s is not (OrderStatus.PartiallyFilled or OrderStatus.Filled)).ToList();
        if (order.Status is OrderStatus.Acknowledged or OrderStatus.PartiallyFilled && random.Next(3) == 0)
        {
            // A partial fill: the remaining quantity (what is reserved or may be spent) shrinks.
            var remaining = order.RemainingQuantity.Shares;
            var shares = remaining <= 1m ? remaining : Math.Floor(remaining / 2);
            order.ApplyFill(new Fill(new TradeId($"t-{order.Id}-{order.FilledQuantity}"), order.Id, new VenueOrderId("0x" + order.Id), order.Token,
                order.Side, order.LimitPrice, Size.Of(shares), 0m, IsMaker: true, at));
            return;
        }

        if (choices.Count > 0)
        {
            order.TransitionTo(choices[random.Next(choices.Count)], at);
        }
    }

    private static OrderIntent Intent(TokenId token, Side side) =>
        new(new StrategyId("s"), new ConditionId("0xc1"), token, side, Price.Of(0.5m), Size.Of(10));
}
