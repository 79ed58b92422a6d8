using System.Threading.Channels;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;

namespace Ploy.Execution.Tests.Fakes;

/// <summary>
/// A venue whose answers a test scripts: accept (resting or filling), reject, or an unknown outcome (the
/// order may or may not have landed). The seam for what a real venue cannot be made to do on demand.
/// </summary>
internal sealed class ScriptedVenue : IVenue
{
    private readonly Channel<VenueEvent> _events = Channel.CreateUnbounded<VenueEvent>();
    private readonly Dictionary<VenueOrderId, VenueOrderState> _known = [];
    private readonly List<VenueFill> _trades = [];
    private int _tradeSequence;

    public string Name => "scripted";

    public ChannelReader<VenueEvent> Events => _events.Reader;

    /// <summary>Called at submit time, before answering (e.g. to assert the journal already has the order).</summary>
    public Action<PreparedOrder>? OnSubmit { get; set; }

    public Func<PreparedOrder, SubmitResult>? Answer { get; set; }

    public List<PreparedOrder> Submitted { get; } = [];

    public decimal Cash { get; set; } = 1000m;

    public Dictionary<TokenId, decimal> Tokens { get; } = [];

    public bool Unreachable { get; set; }

    /// <summary>When set, Prepare refuses every order with this reason (as a venue does for a price off the current tick).</summary>
    public string? RefusePrepare { get; set; }

    public PreparedOrder Prepare(ClientOrderId id, OrderIntent intent, DateTimeOffset now) =>
        RefusePrepare is { } reason ? throw new OrderNotPreparedException(reason) : new(id, new VenueOrderId("0x" + id.Value), intent, "{}");

    public Task<SubmitResult> SubmitAsync(PreparedOrder order, CancellationToken cancellationToken)
    {
        OnSubmit?.Invoke(order);
        Submitted.Add(order);
        var result = Answer?.Invoke(order) ?? Rest(order);
        return Task.FromResult(result);
    }

    /// <summary>Accepts and rests the order.</summary>
    public SubmitResult Rest(PreparedOrder order)
    {
        var state = State(order, VenueOrderStatus.Live, Size.Zero);
        _known[order.VenueId] = state;
        return SubmitResult.Accepted(state);
    }

    /// <summary>Makes the venue hold the order (as if an ambiguous submit had landed).</summary>
    public void Land(PreparedOrder order, VenueOrderStatus status = VenueOrderStatus.Live) =>
        _known[order.VenueId] = State(order, status, Size.Zero);

    /// <summary>Reports a trade on an order, as the user channel would, and keeps it for trade queries.</summary>
    public VenueFill Trade(PreparedOrder order, Size quantity, bool publish = true)
    {
        var fill = new VenueFill(new TradeId($"t{++_tradeSequence}"), order.VenueId, order.Intent.Token, order.Intent.Side,
            order.Intent.LimitPrice, quantity, 0m, true, DateTimeOffset.UnixEpoch);
        _trades.Add(fill);
        if (publish)
        {
            _events.Writer.TryWrite(new VenueFillEvent(fill));
        }

        return fill;
    }

    public void Forget(VenueOrderId id) => _known.Remove(id);

    public Task<VenueResult<bool>> CancelAsync(VenueOrderId order, CancellationToken cancellationToken) =>
        Task.FromResult(VenueResult<bool>.Ok(_known.Remove(order)));

    public Task<VenueResult<IReadOnlyList<VenueOrderId>>> CancelAllAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<VenueOrderId> ids = [.. _known.Keys];
        _known.Clear();
        return Task.FromResult(VenueResult<IReadOnlyList<VenueOrderId>>.Ok(ids));
    }

    public Task<VenueResult<IReadOnlyList<VenueOrderState>>> GetOpenOrdersAsync(CancellationToken cancellationToken) =>
        Task.FromResult(VenueResult<IReadOnlyList<VenueOrderState>>.Ok([.. _known.Values]));

    public Task<VenueResult<VenueOrderState?>> GetOrderAsync(VenueOrderId order, CancellationToken cancellationToken) =>
        Task.FromResult(Unreachable
            ? VenueResult<VenueOrderState?>.Fail(new VenueError(VenueErrorKind.Transport, "unreachable", true))
            : VenueResult<VenueOrderState?>.Ok(_known.GetValueOrDefault(order)));

    public Task<VenueResult<IReadOnlyList<VenueFill>>> GetTradesAsync(VenueOrderId? order, CancellationToken cancellationToken) =>
        Task.FromResult(Unreachable
            ? VenueResult<IReadOnlyList<VenueFill>>.Fail(new VenueError(VenueErrorKind.Transport, "unreachable", true))
            : VenueResult<IReadOnlyList<VenueFill>>.Ok([.. _trades.Where(t => order is null || t.Order == order)]));

    public Task<VenueResult<VenueBalances>> GetBalancesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Unreachable
            ? VenueResult<VenueBalances>.Fail(new VenueError(VenueErrorKind.Transport, "unreachable", true))
            : VenueResult<VenueBalances>.Ok(new VenueBalances(Cash, new Dictionary<TokenId, decimal>(Tokens))));

    private static VenueOrderState State(PreparedOrder order, VenueOrderStatus status, Size matched) =>
        new(order.VenueId, order.Intent.Token, order.Intent.Side, order.Intent.LimitPrice, order.Intent.Quantity, matched, status);
}
