using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Ploy.Hosting.Resilience;

/// <summary>
/// Circuit breakers (and read retries) around a venue. Two breakers, one per endpoint group: "orders" guards
/// submits; "reads" guards the idempotent queries, which also retry transient failures with exponential backoff
/// and jitter. A submit is never retried; while the orders breaker is open a submit is refused without calling
/// the venue (new orders pause, nothing is sent). Cancels go straight through: they reduce risk and are the
/// kill switch's tool, so a breaker must never stand in their way.
/// </summary>
public sealed class ResilientVenue : IVenue
{
    public const string OrdersEndpoint = "orders";
    public const string ReadsEndpoint = "reads";

    private static readonly ResiliencePropertyKey<bool> FailedKey = new("ploy.venue.failed");
    private static readonly ResiliencePropertyKey<TimeSpan?> RetryAfterKey = new("ploy.venue.retry_after");

    private readonly IVenue _inner;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _orders;
    private readonly ResiliencePipeline _reads;
    private readonly CircuitBreakerStateProvider _ordersState = new();
    private readonly CircuitBreakerStateProvider _readsState = new();

    public ResilientVenue(IVenue inner, ResilientVenueOptions options, TimeProvider timeProvider, CircuitBreakerRegistry? registry = null, ILogger<ResilientVenue>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(' ', problems), nameof(options));
        }

        _inner = inner;
        _logger = (ILogger?)logger ?? NullLogger.Instance;

        _orders = new ResiliencePipelineBuilder { Name = $"{inner.Name}-{OrdersEndpoint}", TimeProvider = timeProvider }
            .AddCircuitBreaker(BreakerOptions(OrdersEndpoint, options, _ordersState))
            .Build();

        var reads = new ResiliencePipelineBuilder { Name = $"{inner.Name}-{ReadsEndpoint}", TimeProvider = timeProvider };
        if (options.ReadRetries > 0)
        {
            reads.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.ReadRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReadRetryBaseDelay,
                MaxDelay = options.ReadRetryMaxDelay,

                // Only a failed result: an exception is a bug (or the open breaker), never worth another try.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && Failed(args.Context)),

                // The venue said when to come back (429 Retry-After): wait that long, within the cap.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Context.Properties.TryGetValue(RetryAfterKey, out var after) && after is { } wait && wait > TimeSpan.Zero
                        ? (TimeSpan?)(wait < options.ReadRetryMaxDelay ? wait : options.ReadRetryMaxDelay)
                        : null),
                OnRetry = args =>
                {
                    Log.VenueReadRetry(_logger, _inner.Name, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        _reads = reads.AddCircuitBreaker(BreakerOptions(ReadsEndpoint, options, _readsState)).Build();
        registry?.Register(OrdersEndpoint, _ordersState);
        registry?.Register(ReadsEndpoint, _readsState);
    }

    public string Name => _inner.Name;

    public ChannelReader<VenueEvent> Events => _inner.Events;

    public BreakerState OrdersBreaker => CircuitBreakerRegistry.Map(_ordersState.CircuitState);

    public BreakerState ReadsBreaker => CircuitBreakerRegistry.Map(_readsState.CircuitState);

    public PreparedOrder Prepare(ClientOrderId id, OrderIntent intent, DateTimeOffset now) => _inner.Prepare(id, intent, now);

    public async Task<SubmitResult> SubmitAsync(PreparedOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _orders.ExecuteAsync(
                static async (ctx, state) =>
                {
                    ctx.Properties.Set(FailedKey, false);
                    var result = await state.Inner.SubmitAsync(state.Order, ctx.CancellationToken);
                    ctx.Properties.Set(FailedKey, result.Outcome != SubmitOutcome.Accepted && VenueFailures.IsFailure(result.Error));
                    return result;
                },
                context,
                (Inner: _inner, Order: order));
        }
        catch (BrokenCircuitException ex)
        {
            Log.SubmitRefusedCircuitOpen(_logger, _inner.Name, order.ClientId.Value);
            return SubmitResult.Rejected(CircuitOpen(ex.RetryAfter));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public Task<VenueResult<bool>> CancelAsync(VenueOrderId order, CancellationToken cancellationToken) =>
        _inner.CancelAsync(order, cancellationToken);

    public Task<VenueResult<IReadOnlyList<VenueOrderId>>> CancelAllAsync(CancellationToken cancellationToken) =>
        _inner.CancelAllAsync(cancellationToken);

    public Task<VenueResult<IReadOnlyList<VenueOrderState>>> GetOpenOrdersAsync(CancellationToken cancellationToken) =>
        ReadAsync(static (venue, _, ct) => venue.GetOpenOrdersAsync(ct), 0, cancellationToken);

    public Task<VenueResult<VenueOrderState?>> GetOrderAsync(VenueOrderId order, CancellationToken cancellationToken) =>
        ReadAsync(static (venue, id, ct) => venue.GetOrderAsync(id, ct), order, cancellationToken);

    public Task<VenueResult<IReadOnlyList<VenueFill>>> GetTradesAsync(VenueOrderId? order, CancellationToken cancellationToken) =>
        ReadAsync(static (venue, id, ct) => venue.GetTradesAsync(id, ct), order, cancellationToken);

    public Task<VenueResult<VenueBalances>> GetBalancesAsync(CancellationToken cancellationToken) =>
        ReadAsync(static (venue, _, ct) => venue.GetBalancesAsync(ct), 0, cancellationToken);

    private async Task<VenueResult<T>> ReadAsync<T, TArg>(Func<IVenue, TArg, CancellationToken, Task<VenueResult<T>>> call, TArg argument, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _reads.ExecuteAsync(
                static async (ctx, state) =>
                {
                    ctx.Properties.Set(FailedKey, false);
                    ctx.Properties.Set(RetryAfterKey, null);
                    var result = await state.Call(state.Inner, state.Argument, ctx.CancellationToken);
                    ctx.Properties.Set(FailedKey, VenueFailures.IsFailure(result.Error));
                    ctx.Properties.Set(RetryAfterKey, result.Error?.RetryAfter);
                    return result;
                },
                context,
                (Inner: _inner, Call: call, Argument: argument));
        }
        catch (BrokenCircuitException ex)
        {
            return VenueResult<T>.Fail(CircuitOpen(ex.RetryAfter));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private CircuitBreakerStrategyOptions BreakerOptions(string endpoint, ResilientVenueOptions options, CircuitBreakerStateProvider state) => new()
    {
        FailureRatio = options.FailureRatio,
        SamplingDuration = options.SamplingDuration,
        MinimumThroughput = options.MinimumThroughput,
        BreakDuration = options.BreakDuration,
        StateProvider = state,
        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception switch
        {
            null => Failed(args.Context),
            OperationCanceledException => false,
            _ => true,
        }),
        OnOpened = args =>
        {
            Log.CircuitOpened(_logger, _inner.Name, endpoint, args.BreakDuration);
            return ValueTask.CompletedTask;
        },
        OnHalfOpened = _ =>
        {
            Log.CircuitHalfOpened(_logger, _inner.Name, endpoint);
            return ValueTask.CompletedTask;
        },
        OnClosed = _ =>
        {
            Log.CircuitClosed(_logger, _inner.Name, endpoint);
            return ValueTask.CompletedTask;
        },
    };

    private static bool Failed(ResilienceContext context) => context.Properties.TryGetValue(FailedKey, out var failed) && failed;

    private static VenueError CircuitOpen(TimeSpan? retryAfter) =>
        new(VenueErrorKind.VenueUnavailable, "circuit open", IsTransient: true, retryAfter);
}
