using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Hosting.Metrics;
using Ploy.Hosting.Resilience;
using Ploy.Hosting.Tests.Metrics;
using Ploy.Testing;

namespace Ploy.Hosting.Tests.Resilience;

public sealed class ResilientVenueTests
{
    private static readonly ResilientVenueOptions Options = new()
    {
        FailureRatio = 0.5,
        SamplingDuration = TimeSpan.FromSeconds(30),
        MinimumThroughput = 4,
        BreakDuration = TimeSpan.FromSeconds(10),
        ReadRetries = 3,
        ReadRetryBaseDelay = TimeSpan.FromMilliseconds(1),
        ReadRetryMaxDelay = TimeSpan.FromMilliseconds(5),
    };

    private static int _sequence;

    private static PreparedOrder Order(ResilientVenue venue)
    {
        var id = new ClientOrderId("c" + Interlocked.Increment(ref _sequence));
        return venue.Prepare(id, new OrderIntentBuilder().Build(), TestTime.Start);
    }

    private static SubmitResult Unknown(PreparedOrder _) => SubmitResult.Unknown(new VenueError(VenueErrorKind.Timeout, "no answer", IsTransient: true));

    private static async Task FailSubmitsAsync(ResilientVenue venue, FakeVenue inner, int count)
    {
        inner.SubmitScript.Clear();
        inner.SubmitScript.Enqueue(Unknown);
        for (var i = 0; i < count; i++)
        {
            await venue.SubmitAsync(Order(venue), CancellationToken.None);
        }
    }

    [Fact]
    public async Task SubmitAsync_FailuresReachTheRatio_OpensTheOrdersBreaker()
    {
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, TestTime.NewClock());

        await FailSubmitsAsync(venue, inner, 4);

        Assert.Equal(BreakerState.Open, venue.OrdersBreaker);
        Assert.Equal(BreakerState.Closed, venue.ReadsBreaker);
    }

    [Fact]
    public async Task SubmitAsync_BelowMinimumThroughput_StaysClosed()
    {
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, TestTime.NewClock());

        await FailSubmitsAsync(venue, inner, 3);

        Assert.Equal(BreakerState.Closed, venue.OrdersBreaker);
    }

    [Fact]
    public async Task SubmitAsync_BreakerOpen_RejectsAsCircuitOpenWithoutCallingTheVenue()
    {
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, TestTime.NewClock());
        await FailSubmitsAsync(venue, inner, 4);
        var sent = inner.Submits;

        var result = await venue.SubmitAsync(Order(venue), CancellationToken.None);

        Assert.Equal(sent, inner.Submits);
        Assert.Equal(SubmitOutcome.Rejected, result.Outcome);
        Assert.Equal(VenueErrorKind.VenueUnavailable, result.Error!.Kind);
        Assert.Equal("circuit open", result.Error.Message);
        Assert.True(result.Error.IsTransient);
    }

    [Fact]
    public async Task SubmitAsync_AfterBreakDuration_HalfOpenProbeSucceeds_ClosesTheBreaker()
    {
        var clock = TestTime.NewClock();
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, clock);
        await FailSubmitsAsync(venue, inner, 4);

        clock.Advance(TimeSpan.FromSeconds(9));
        var stillOpen = await venue.SubmitAsync(Order(venue), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        inner.SubmitScript.Clear();
        var sent = inner.Submits;
        var probe = await venue.SubmitAsync(Order(venue), CancellationToken.None);

        Assert.Equal("circuit open", stillOpen.Error?.Message);
        Assert.Equal(SubmitOutcome.Accepted, probe.Outcome);
        Assert.Equal(sent + 1, inner.Submits);
        Assert.Equal(BreakerState.Closed, venue.OrdersBreaker);
    }

    [Fact]
    public async Task SubmitAsync_DuringTheHalfOpenProbe_StateIsHalfOpenAndOtherSubmitsAreRefused()
    {
        var clock = TestTime.NewClock();
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, clock);
        await FailSubmitsAsync(venue, inner, 4);
        clock.Advance(TimeSpan.FromSeconds(11));
        var answer = new TaskCompletionSource<SubmitResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        inner.SubmitGate = _ =>
        {
            reached.TrySetResult();
            return answer.Task;
        };

        var probe = venue.SubmitAsync(Order(venue), CancellationToken.None);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stateDuringProbe = venue.OrdersBreaker;
        var sent = inner.Submits;
        var concurrent = await venue.SubmitAsync(Order(venue), CancellationToken.None);
        answer.SetResult(FakeVenue.Ok(Order(venue)));
        var probeResult = await probe;

        Assert.Equal(BreakerState.HalfOpen, stateDuringProbe);
        Assert.Equal("circuit open", concurrent.Error?.Message);
        Assert.Equal(sent, inner.Submits);
        Assert.Equal(SubmitOutcome.Accepted, probeResult.Outcome);
        Assert.Equal(BreakerState.Closed, venue.OrdersBreaker);
    }

    [Fact]
    public async Task SubmitAsync_HalfOpenProbeFails_OpensAgain()
    {
        var clock = TestTime.NewClock();
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, clock);
        await FailSubmitsAsync(venue, inner, 4);
        clock.Advance(TimeSpan.FromSeconds(11));

        var probe = await venue.SubmitAsync(Order(venue), CancellationToken.None);
        var sent = inner.Submits;
        var after = await venue.SubmitAsync(Order(venue), CancellationToken.None);

        Assert.Equal(SubmitOutcome.Unknown, probe.Outcome);
        Assert.Equal(BreakerState.Open, venue.OrdersBreaker);
        Assert.Equal("circuit open", after.Error?.Message);
        Assert.Equal(sent, inner.Submits);
    }

    [Fact]
    public async Task SubmitAsync_TransientFailure_IsNeverRetried()
    {
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, TestTime.NewClock());
        inner.SubmitScript.Enqueue(Unknown);

        var result = await venue.SubmitAsync(Order(venue), CancellationToken.None);

        Assert.Equal(SubmitOutcome.Unknown, result.Outcome);
        Assert.Equal(1, inner.Submits);
    }

    [Fact]
    public async Task SubmitAsync_VenueRejections_DoNotOpenTheBreaker()
    {
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, TestTime.NewClock());
        inner.SubmitScript.Enqueue(_ => SubmitResult.Rejected(FakeVenue.RejectedError));

        for (var i = 0; i < 10; i++)
        {
            await venue.SubmitAsync(Order(venue), CancellationToken.None);
        }

        Assert.Equal(BreakerState.Closed, venue.OrdersBreaker);
        Assert.Equal(10, inner.Submits);
    }

    [Fact]
    public async Task CancelAllAsync_OrdersBreakerOpen_StillReachesTheVenue()
    {
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, TestTime.NewClock());
        await FailSubmitsAsync(venue, inner, 4);

        var result = await venue.CancelAllAsync(CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(1, inner.Cancels);
    }

    [Fact]
    public async Task GetOrderAsync_TransientFailures_RetriedUntilSuccess()
    {
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, TimeProvider.System);
        inner.ReadScript.Enqueue(FakeVenue.TransportError);
        inner.ReadScript.Enqueue(FakeVenue.TransportError);
        inner.ReadScript.Enqueue(null);

        var result = await venue.GetOrderAsync(new VenueOrderId("0x1"), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(3, inner.Reads);
    }

    [Fact]
    public async Task GetBalancesAsync_PersistentTransientFailure_GivesUpAfterTheRetryBudget()
    {
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, TimeProvider.System);
        inner.ReadScript.Enqueue(FakeVenue.TransportError);

        var result = await venue.GetBalancesAsync(CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(VenueErrorKind.Transport, result.Error.Kind);
        Assert.Equal(1 + Options.ReadRetries, inner.Reads);
    }

    [Fact]
    public async Task GetTradesAsync_NotFound_IsNotRetried()
    {
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, TimeProvider.System);
        inner.ReadScript.Enqueue(new VenueError(VenueErrorKind.NotFound, "no such order", IsTransient: false));

        var result = await venue.GetTradesAsync(null, CancellationToken.None);

        Assert.Equal(VenueErrorKind.NotFound, result.Error?.Kind);
        Assert.Equal(1, inner.Reads);
    }

    [Fact]
    public async Task GetOpenOrdersAsync_ReadsBreakerOpen_FailsFastAndLeavesOrdersPathClosed()
    {
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, TimeProvider.System);
        inner.ReadScript.Enqueue(FakeVenue.TransportError);
        await venue.GetOpenOrdersAsync(CancellationToken.None); // 4 failed attempts: the reads breaker opens
        var reads = inner.Reads;

        var result = await venue.GetOpenOrdersAsync(CancellationToken.None);
        var submit = await venue.SubmitAsync(Order(venue), CancellationToken.None);

        Assert.Equal(BreakerState.Open, venue.ReadsBreaker);
        Assert.Equal(reads, inner.Reads);
        Assert.Equal("circuit open", result.Error?.Message);
        Assert.Equal(SubmitOutcome.Accepted, submit.Outcome);
    }

    [Fact]
    public async Task CircuitBreakerState_OrdersBreakerOpens_ExportedAsTwo()
    {
        var registry = new CircuitBreakerRegistry();
        var inner = new FakeVenue();
        var venue = new ResilientVenue(inner, Options, TestTime.NewClock(), registry);
        using var service = new PloyServiceMetrics(new FakeTradingState(), registry, TestTime.NewClock());
        using var collector = new PrometheusMetricsCollector(m => ReferenceEquals(m, service.Meter), includeProcessMetrics: false);

        await FailSubmitsAsync(venue, inner, 4);
        var text = collector.Collect();

        Assert.Contains("ploy_circuit_breaker_state{endpoint=\"orders\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("ploy_circuit_breaker_state{endpoint=\"reads\"} 0\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VenueErrorKind.Transport, false, true)]
    [InlineData(VenueErrorKind.Timeout, false, true)]
    [InlineData(VenueErrorKind.VenueUnavailable, false, true)]
    [InlineData(VenueErrorKind.RateLimited, true, true)]
    [InlineData(VenueErrorKind.Rejected, true, false)]
    [InlineData(VenueErrorKind.InsufficientBalance, false, false)]
    [InlineData(VenueErrorKind.NotFound, false, false)]
    [InlineData(VenueErrorKind.Unauthorized, false, false)]
    public void IsFailure_ErrorKind_CountsOnlyUnhealthyVenueOutcomes(VenueErrorKind kind, bool transient, bool expected) =>
        Assert.Equal(expected, VenueFailures.IsFailure(new VenueError(kind, "x", transient)));
}
