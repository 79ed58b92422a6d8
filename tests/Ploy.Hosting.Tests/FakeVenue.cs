using System.Threading.Channels;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;

namespace Ploy.Hosting.Tests;

/// <summary>A venue whose answers the test scripts; counts every call that reached it.</summary>
internal sealed class FakeVenue : IVenue
{
    private readonly Channel<VenueEvent> _events = Channel.CreateUnbounded<VenueEvent>();

    public string Name => "fake";

    public ChannelReader<VenueEvent> Events => _events.Reader;

    /// <summary>What the next submits return (the last entry repeats).</summary>
    public Queue<Func<PreparedOrder, SubmitResult>> SubmitScript { get; } = new();

    /// <summary>What the next reads return: null = success, otherwise this error (the last entry repeats).</summary>
    public Queue<VenueError?> ReadScript { get; } = new();

    /// <summary>When set, submits wait for this instead of following <see cref="SubmitScript"/>.</summary>
    public Func<PreparedOrder, Task<SubmitResult>>? SubmitGate { get; set; }

    public int Submits { get; private set; }

    public int Reads { get; private set; }

    public int Cancels { get; private set; }

    public static VenueError TransportError { get; } = new(VenueErrorKind.Transport, "connection reset", IsTransient: true);

    public static VenueError RejectedError { get; } = new(VenueErrorKind.Rejected, "not enough balance / allowance", IsTransient: false);

    public static SubmitResult Ok(PreparedOrder order) =>
        SubmitResult.Accepted(new VenueOrderState(order.VenueId, order.Intent.Token, order.Intent.Side, order.Intent.LimitPrice, order.Intent.Quantity, Size.Zero, VenueOrderStatus.Live));

    public PreparedOrder Prepare(ClientOrderId id, OrderIntent intent, DateTimeOffset now) => new(id, new VenueOrderId("0x" + id.Value), intent, null);

    public Task<SubmitResult> SubmitAsync(PreparedOrder order, CancellationToken cancellationToken)
    {
        Submits++;
        if (SubmitGate is { } gate)
        {
            return gate(order);
        }

        var next = SubmitScript.Count > 1 ? SubmitScript.Dequeue() : SubmitScript.Count == 1 ? SubmitScript.Peek() : Ok;
        return Task.FromResult(next(order));
    }

    public Task<VenueResult<bool>> CancelAsync(VenueOrderId order, CancellationToken cancellationToken)
    {
        Cancels++;
        return Task.FromResult(VenueResult<bool>.Ok(true));
    }

    public Task<VenueResult<IReadOnlyList<VenueOrderId>>> CancelAllAsync(CancellationToken cancellationToken)
    {
        Cancels++;
        return Task.FromResult(VenueResult<IReadOnlyList<VenueOrderId>>.Ok([]));
    }

    public Task<VenueResult<IReadOnlyList<VenueOrderState>>> GetOpenOrdersAsync(CancellationToken cancellationToken) =>
        Task.FromResult(NextRead<IReadOnlyList<VenueOrderState>>([]));

    public Task<VenueResult<VenueOrderState?>> GetOrderAsync(VenueOrderId order, CancellationToken cancellationToken) =>
        Task.FromResult(NextRead<VenueOrderState?>(null));

    public Task<VenueResult<IReadOnlyList<VenueFill>>> GetTradesAsync(VenueOrderId? order, CancellationToken cancellationToken) =>
        Task.FromResult(NextRead<IReadOnlyList<VenueFill>>([]));

    public Task<VenueResult<VenueBalances>> GetBalancesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(NextRead(new VenueBalances(100m, new Dictionary<TokenId, decimal>())));

    private VenueResult<T> NextRead<T>(T value)
    {
        Reads++;
        var error = ReadScript.Count > 1 ? ReadScript.Dequeue() : ReadScript.Count == 1 ? ReadScript.Peek() : null;
        return error is null ? VenueResult<T>.Ok(value) : VenueResult<T>.Fail(error);
    }
}
