using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Simulated.Ledger;
using Ploy.Venues.Simulated.Matching;

namespace Ploy.Venues.Simulated;

/// <summary>
/// Our trader account's view of the simulated venue, behind Core's <see cref="IVenue"/> port. Everything is
/// synchronous under the exchange's lock: a submit has matched, and its fills are on <see cref="Events"/>, by
/// the time the returned task completes.
/// </summary>
internal sealed class SimulatedVenue(SimulatedExchange exchange, AccountId account, TimeProvider clock) : IVenue
{
    private readonly Channel<VenueEvent> _events = Channel.CreateUnbounded<VenueEvent>();

    // Every order ever accepted (terminal ones too) so lookups by hash work after the fact, as on the venue.
    private readonly Dictionary<VenueOrderId, EngineOrder> _orders = [];
    private readonly List<VenueFill> _fills = [];

    public string Name => "simulated";

    public AccountId Account { get; } = account;

    public ChannelReader<VenueEvent> Events => _events.Reader;

    public PreparedOrder Prepare(ClientOrderId id, OrderIntent intent, DateTimeOffset now) =>
        new(id, OrderHash(id, intent), intent, null);

    /// <summary>
    /// The venue id: "0x" + SHA-256 of the client id and every intent field, standing in for the EIP-712 hash —
    /// deterministic, known before sending, and different for any two different orders.
    /// </summary>
    public static VenueOrderId OrderHash(ClientOrderId id, OrderIntent intent)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{id.Value}|{intent.Condition.Value}|{intent.Token.Value}|{intent.Side}|{intent.LimitPrice.Value}|{intent.Quantity.Shares}|{intent.Type}|{intent.PostOnly}|{intent.ExpiresAt?.ToUnixTimeMilliseconds()}");
        return new VenueOrderId("0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    public Task<SubmitResult> SubmitAsync(PreparedOrder order, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<SubmitResult>(cancellationToken);
        }

        lock (exchange.Gate)
        {
            if (_orders.ContainsKey(order.VenueId))
            {
                // Venue quirk: the order hash is the identity, so a re-post of the same order is refused.
                return Task.FromResult(SubmitResult.Rejected(new VenueError(VenueErrorKind.Rejected, $"duplicate order {order.VenueId}", IsTransient: false)));
            }

            var now = clock.GetUtcNow();
            var result = exchange.Engine.Submit(Account, order.VenueId, order.Intent, now);
            exchange.FlushBooks(now);
            if (!result.IsAccepted)
            {
                return Task.FromResult(SubmitResult.Rejected(result.Error!));
            }

            _orders[order.VenueId] = result.Order!;
            return Task.FromResult(SubmitResult.Accepted(result.Order!.ToState()));
        }
    }

    public Task<VenueResult<bool>> CancelAsync(VenueOrderId order, CancellationToken cancellationToken)
    {
        lock (exchange.Gate)
        {
            if (!_orders.ContainsKey(order))
            {
                return Task.FromResult(VenueResult<bool>.Fail(new VenueError(VenueErrorKind.NotFound, $"unknown order {order}", IsTransient: false)));
            }

            var now = clock.GetUtcNow();
            var cancelled = exchange.Engine.Cancel(order, now) is not null;
            exchange.FlushBooks(now);
            return Task.FromResult(VenueResult<bool>.Ok(cancelled));
        }
    }

    public Task<VenueResult<IReadOnlyList<VenueOrderId>>> CancelAllAsync(CancellationToken cancellationToken)
    {
        lock (exchange.Gate)
        {
            var now = clock.GetUtcNow();
            var cancelled = exchange.Engine.CancelAll(Account, now);
            exchange.FlushBooks(now);
            return Task.FromResult(VenueResult<IReadOnlyList<VenueOrderId>>.Ok([.. cancelled.Select(o => o.Id)]));
        }
    }

    public Task<VenueResult<IReadOnlyList<VenueOrderState>>> GetOpenOrdersAsync(CancellationToken cancellationToken)
    {
        lock (exchange.Gate)
        {
            return Task.FromResult(VenueResult<IReadOnlyList<VenueOrderState>>.Ok([.. exchange.Engine.OpenOrders(Account).Select(o => o.ToState())]));
        }
    }

    public Task<VenueResult<VenueOrderState?>> GetOrderAsync(VenueOrderId order, CancellationToken cancellationToken)
    {
        lock (exchange.Gate)
        {
            return Task.FromResult(VenueResult<VenueOrderState?>.Ok(_orders.TryGetValue(order, out var o) ? o.ToState() : null));
        }
    }

    public Task<VenueResult<IReadOnlyList<VenueFill>>> GetTradesAsync(VenueOrderId? order, CancellationToken cancellationToken)
    {
        lock (exchange.Gate)
        {
            IReadOnlyList<VenueFill> fills = order is { } id ? [.. _fills.Where(f => f.Order == id)] : [.. _fills];
            return Task.FromResult(VenueResult<IReadOnlyList<VenueFill>>.Ok(fills));
        }
    }

    public Task<VenueResult<VenueBalances>> GetBalancesAsync(CancellationToken cancellationToken)
    {
        lock (exchange.Gate)
        {
            return Task.FromResult(VenueResult<VenueBalances>.Ok(exchange.Ledger.Balances(Account)));
        }
    }

    /// <summary>Records one of our fills and tells the account about it.</summary>
    internal void OnFill(VenueFill fill)
    {
        _fills.Add(fill);
        _events.Writer.TryWrite(new VenueFillEvent(fill));
    }

    internal void OnOrderClosed(EngineOrder order, DateTimeOffset at) =>
        _events.Writer.TryWrite(new VenueOrderEvent(order.ToState(), at));
}
