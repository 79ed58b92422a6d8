using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Testing;
using static Ploy.Core.Orders.OrderStatus;

namespace Ploy.Core.Tests.Orders;

public sealed class OrderTransitionsTests
{
    /// <summary>
    /// The order state machine, written out by hand: the edges the product allows. Everything not listed is
    /// illegal. Kept independent of <see cref="OrderTransitions"/> so a change there must be made here too.
    /// </summary>
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Legal = new()
    {
        [Created] = [Journaled, Rejected],
        [Journaled] = [Submitted, Rejected],
        [Submitted] = [Acknowledged, PartiallyFilled, Filled, Cancelled, Rejected, Expired, Unknown],
        [Unknown] = [Acknowledged, PartiallyFilled, Filled, Cancelled, Rejected, Expired],
        [Acknowledged] = [PartiallyFilled, Filled, Cancelled, Expired],
        [PartiallyFilled] = [PartiallyFilled, Filled, Cancelled, Expired],
        [Filled] = [],
        [Cancelled] = [],
        [Rejected] = [],
        [Expired] = [],
    };

    public static TheoryData<OrderStatus, OrderStatus> AllPairs()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Fact]
    public void Table_EveryStatus_HasARow()
    {
        Assert.Equal(Enum.GetValues<OrderStatus>().Order(), Legal.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void IsAllowed_EveryPair_MatchesTheTable(OrderStatus from, OrderStatus to)
    {
        Assert.Equal(Legal[from].Contains(to), OrderTransitions.IsAllowed(from, to));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void TransitionTo_EveryPair_LegalMovesIllegalThrowsAndKeepsStatus(OrderStatus from, OrderStatus to)
    {
        var order = InStatus(from);
        var at = TestTime.Start.AddMinutes(1);

        if (Legal[from].Contains(to))
        {
            Assert.True(order.CanTransitionTo(to));
            order.TransitionTo(to, at);
            Assert.Equal(to, order.Status);
            Assert.Equal(at, order.UpdatedAt);
        }
        else
        {
            Assert.False(order.CanTransitionTo(to));
            var ex = Assert.Throws<InvalidOrderTransitionException>(() => order.TransitionTo(to, at));
            Assert.Equal(from, ex.From);
            Assert.Equal(to, ex.To);
            Assert.Equal(order.Id, ex.Order);
            Assert.Equal(from, order.Status);
            Assert.Equal(TestTime.Start, order.UpdatedAt);
        }
    }

    [Fact]
    public void IsTerminal_EveryStatus_OnlyFilledCancelledRejectedExpired()
    {
        OrderStatus[] terminal = [Filled, Cancelled, Rejected, Expired];

        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            Assert.Equal(terminal.Contains(status), OrderTransitions.IsTerminal(status));
            Assert.Equal(terminal.Contains(status), InStatus(status).IsTerminal);
        }
    }

    [Fact]
    public void IsTerminal_TerminalStatus_HasNoExit()
    {
        foreach (var status in Enum.GetValues<OrderStatus>().Where(OrderTransitions.IsTerminal))
        {
            Assert.DoesNotContain(Enum.GetValues<OrderStatus>(), to => OrderTransitions.IsAllowed(status, to));
        }
    }

    [Fact]
    public void IsLive_EveryStatus_OnlyWhileTheVenueMayHoldTheOrder()
    {
        OrderStatus[] live = [Submitted, Acknowledged, PartiallyFilled, Unknown];

        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            Assert.Equal(live.Contains(status), OrderTransitions.IsLive(status));
        }
    }

    private static Order InStatus(OrderStatus status) =>
        Order.Restore(new("c-1"), new OrderIntentBuilder().Build(), TestTime.Start, null, status, Size.Zero, 0m, TestTime.Start, null);
}
