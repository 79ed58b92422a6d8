using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Testing;

namespace Ploy.Core.Tests.Orders;

public sealed class OrderTests
{
    private static readonly DateTimeOffset T0 = TestTime.Start;

    [Fact]
    public void Constructor_Intent_StartsCreatedAndUnfilled()
    {
        var order = new OrderIntentBuilder().Selling(12m, 0.37m).BuildOrder("c-9");

        Assert.Equal(new ClientOrderId("c-9"), order.Id);
        Assert.Equal(OrderStatus.Created, order.Status);
        Assert.Equal(Side.Sell, order.Side);
        Assert.Equal(Price.Of(0.37m), order.LimitPrice);
        Assert.Equal(Size.Of(12m), order.RemainingQuantity);
        Assert.True(order.FilledQuantity.IsZero);
        Assert.Equal(0m, order.AverageFillPrice);
        Assert.Null(order.VenueId);
        Assert.Equal(T0, order.UpdatedAt);
    }

    [Fact]
    public void TransitionTo_WithReason_KeepsReasonUntilReplaced()
    {
        var order = Acknowledged(10m);

        order.TransitionTo(OrderStatus.Cancelled, T0.AddSeconds(5), "kill switch");

        Assert.Equal("kill switch", order.Reason);
        Assert.True(order.IsTerminal);
        Assert.Equal(T0.AddSeconds(5), order.UpdatedAt);
    }

    [Fact]
    public void ApplyFill_PartOfQuantity_MovesToPartiallyFilled()
    {
        var order = Acknowledged(10m);

        order.ApplyFill(FillBuilder.For(order).WithQuantity(4m).At(0.48m).AtTime(T0.AddSeconds(3)).Build());

        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(Size.Of(4m), order.FilledQuantity);
        Assert.Equal(Size.Of(6m), order.RemainingQuantity);
        Assert.Equal(1.92m, order.FilledNotional);
        Assert.Equal(T0.AddSeconds(3), order.UpdatedAt);
    }

    [Fact]
    public void ApplyFill_RestOfQuantity_MovesToFilledWithWeightedAveragePrice()
    {
        var order = Acknowledged(10m);
        var fills = FillBuilder.For(order);

        order.ApplyFill(fills.WithQuantity(4m).At(0.40m).Build());
        order.ApplyFill(fills.WithQuantity(6m).At(0.50m).Build());

        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.True(order.RemainingQuantity.IsZero);
        Assert.Equal(0.46m, order.AverageFillPrice);
        Assert.True(order.IsTerminal);
    }

    [Fact]
    public void ApplyFill_WholeQuantityWhileSubmitted_MovesStraightToFilled()
    {
        var order = Journaled(10m);
        order.TransitionTo(OrderStatus.Submitted, T0);

        order.ApplyFill(FillBuilder.For(order).Build());

        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void ApplyFill_WhileUnknown_ResolvesToPartiallyFilled()
    {
        var order = Journaled(10m);
        order.TransitionTo(OrderStatus.Submitted, T0);
        order.TransitionTo(OrderStatus.Unknown, T0);

        order.ApplyFill(FillBuilder.For(order).WithQuantity(1m).Build());

        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
    }

    [Fact]
    public void ApplyFill_MoreThanRemaining_ThrowsAndLeavesOrderUnchanged()
    {
        var order = Acknowledged(10m);
        var fills = FillBuilder.For(order);
        order.ApplyFill(fills.WithQuantity(7m).Build());

        Assert.Throws<InvalidOperationException>(() => order.ApplyFill(fills.WithQuantity(3.01m).Build()));

        Assert.Equal(Size.Of(7m), order.FilledQuantity);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
    }

    [Fact]
    public void ApplyFill_AfterFilled_ThrowsOverfill()
    {
        var order = Acknowledged(10m);
        order.ApplyFill(FillBuilder.For(order).Build());

        Assert.Throws<InvalidOperationException>(() => order.ApplyFill(FillBuilder.For(order).WithQuantity(0.01m).Build()));
        Assert.Equal(Size.Of(10m), order.FilledQuantity);
    }

    [Fact]
    public void ApplyFill_OtherOrdersFill_ThrowsArgumentException()
    {
        var order = Acknowledged(10m);
        var other = new OrderIntentBuilder().BuildOrder("c-other");

        Assert.Throws<ArgumentException>(() => order.ApplyFill(FillBuilder.For(other).Build()));
        Assert.True(order.FilledQuantity.IsZero);
    }

    [Theory]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Expired)]
    public void ApplyFill_LateFillAfterCancelOrExpiry_CountsButKeepsTerminalStatus(OrderStatus ended)
    {
        var order = Acknowledged(10m);
        order.TransitionTo(ended, T0.AddSeconds(1), "ended");

        order.ApplyFill(FillBuilder.For(order).WithQuantity(3m).At(0.45m).AtTime(T0.AddSeconds(2)).Build());

        Assert.Equal(ended, order.Status);
        Assert.Equal(Size.Of(3m), order.FilledQuantity);
        Assert.Equal(1.35m, order.FilledNotional);
        Assert.Equal(T0.AddSeconds(2), order.UpdatedAt);
        Assert.Equal("ended", order.Reason);
    }

    [Fact]
    public void ApplyFill_LateFillOfEverythingAfterCancel_StaysCancelled()
    {
        var order = Acknowledged(10m);
        order.TransitionTo(OrderStatus.Cancelled, T0);

        order.ApplyFill(FillBuilder.For(order).Build());

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.True(order.RemainingQuantity.IsZero);
    }

    [Theory]
    [InlineData(OrderStatus.Created)]
    [InlineData(OrderStatus.Journaled)]
    [InlineData(OrderStatus.Rejected)]
    public void ApplyFill_StatusThatCannotFill_ThrowsWithoutCountingTheFill(OrderStatus status)
    {
        var order = Order.Restore(new("c-1"), new OrderIntentBuilder().Build(), T0, null, status, Size.Zero, 0m, T0, null);

        var ex = Assert.Throws<InvalidOrderTransitionException>(() => order.ApplyFill(FillBuilder.For(order).WithQuantity(1m).Build()));

        Assert.Equal(status, ex.From);
        Assert.Equal(status, order.Status);
        Assert.True(order.FilledQuantity.IsZero);
        Assert.Equal(0m, order.FilledNotional);
    }

    [Fact]
    public void AssignVenueId_SameIdTwice_IsIdempotent()
    {
        var order = new OrderIntentBuilder().BuildOrder();

        order.AssignVenueId(new("0xabc"));
        order.AssignVenueId(new("0xabc"));

        Assert.Equal(new VenueOrderId("0xabc"), order.VenueId);
    }

    [Fact]
    public void AssignVenueId_DifferentId_Throws()
    {
        var order = new OrderIntentBuilder().BuildOrder();
        order.AssignVenueId(new("0xabc"));

        Assert.Throws<InvalidOperationException>(() => order.AssignVenueId(new("0xdef")));
        Assert.Equal(new VenueOrderId("0xabc"), order.VenueId);
    }

    [Fact]
    public void Restore_JournaledState_RebuildsWithoutHistory()
    {
        var intent = new OrderIntentBuilder().Buying(10m, 0.5m).Build();

        var order = Order.Restore(new("c-7"), intent, T0, new VenueOrderId("0x7"), OrderStatus.PartiallyFilled,
            Size.Of(4m), 2m, T0.AddMinutes(1), "restored");

        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(Size.Of(6m), order.RemainingQuantity);
        Assert.Equal(0.5m, order.AverageFillPrice);
        Assert.Equal(new VenueOrderId("0x7"), order.VenueId);
        Assert.Equal(T0.AddMinutes(1), order.UpdatedAt);
        Assert.Equal("restored", order.Reason);
    }

    private static Order Journaled(decimal quantity)
    {
        var order = new OrderIntentBuilder().Buying(quantity, 0.5m).BuildOrder();
        order.TransitionTo(OrderStatus.Journaled, T0);
        return order;
    }

    private static Order Acknowledged(decimal quantity)
    {
        var order = Journaled(quantity);
        order.TransitionTo(OrderStatus.Submitted, T0);
        order.TransitionTo(OrderStatus.Acknowledged, T0);
        return order;
    }
}
