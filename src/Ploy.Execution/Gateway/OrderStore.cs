using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Execution.Gateway;

/// <summary>
/// Orders by our id and by venue id, and the trades already applied. Owned by the gateway's single writer;
/// other threads read it only through the gateway.
/// </summary>
public sealed class OrderStore
{
    private readonly Dictionary<ClientOrderId, Order> _byId = [];

    // The orders not yet terminal: each risk check and each published view asks for open orders, and terminal orders
    // stay in _byId for Gateway:KeepTerminalOrders (an hour: thousands). Scanning _byId took 55 µs per submit's risk
    // inputs beside 2,400 terminal orders, more than signing the order; this index takes 1.6 µs (OrderStoreBenchmarks).
    // Terminal is absorbing, so an entry leaves at the first query that finds it terminal.
    private readonly Dictionary<ClientOrderId, Order> _unfinished = [];
    private readonly List<ClientOrderId> _ended = [];
    private readonly Dictionary<VenueOrderId, Order> _byVenueId = [];
    private readonly HashSet<(TradeId, VenueOrderId)> _appliedTrades = [];

    // Who placed each venue order, kept after the order itself is pruned or left unloaded (terminal at start-up): a
    // late trade must still be booked to its order and strategy (the kill test caught one booked to "venue:…").
    private readonly Dictionary<VenueOrderId, (ClientOrderId Id, StrategyId Strategy)> _owners = [];

    public IReadOnlyCollection<Order> All => _byId.Values;

    /// <summary>Orders journaled or at the venue and not ended (what can still trade).</summary>
    public IEnumerable<Order> Live => Unfinished.Where(IsLive);

    public int LiveCount
    {
        get
        {
            var count = 0;
            foreach (var order in Unfinished)
            {
                count += IsLive(order) ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>
    /// Every order not terminal yet, including one created and not journaled. Writer only: reading it sweeps ended
    /// orders out of the index.
    /// </summary>
    public IReadOnlyCollection<Order> Unfinished
    {
        get
        {
            foreach (var (id, order) in _unfinished)
            {
                if (order.IsTerminal)
                {
                    _ended.Add(id);
                }
            }

            foreach (var id in _ended)
            {
                _unfinished.Remove(id);
            }

            _ended.Clear();
            return _unfinished.Values;
        }
    }

    public void Add(Order order)
    {
        _byId.Add(order.Id, order);
        if (!order.IsTerminal)
        {
            _unfinished.Add(order.Id, order);
        }

        if (order.VenueId is { } venueId)
        {
            _byVenueId[venueId] = order;
            _owners[venueId] = (order.Id, order.Strategy);
        }
    }

    public void IndexVenueId(Order order)
    {
        var venueId = order.VenueId ?? throw new InvalidOperationException($"Order {order.Id} has no venue id.");
        _byVenueId[venueId] = order;
        _owners[venueId] = (order.Id, order.Strategy);
    }

    /// <summary>Remembers who placed a venue order that is not kept in memory (a terminal order of the journal).</summary>
    public void RememberOwner(VenueOrderId venueId, ClientOrderId id, StrategyId strategy) => _owners.TryAdd(venueId, (id, strategy));

    /// <summary>Our id and strategy of a venue order, even once the order is pruned; null for an order we never placed.</summary>
    public (ClientOrderId Id, StrategyId Strategy)? Owner(VenueOrderId venueId) => _owners.TryGetValue(venueId, out var owner) ? owner : null;

    public Order? Find(ClientOrderId id) => _byId.GetValueOrDefault(id);

    public Order? Find(VenueOrderId id) => _byVenueId.GetValueOrDefault(id);

    /// <summary>Marks a trade applied; false when it was already.</summary>
    public bool MarkTradeApplied(TradeId trade, VenueOrderId order) => _appliedTrades.Add((trade, order));

    public decimal SharesReservedForSale(TokenId token)
    {
        var shares = 0m;
        foreach (var order in Unfinished)
        {
            if (IsLive(order) && order.Side == Side.Sell && order.Token == token)
            {
                shares += order.RemainingQuantity.Shares;
            }
        }

        return shares;
    }

    /// <summary>pUSD that open buy orders may still spend.</summary>
    public decimal OpenBuyNotional(Func<Order, bool> where)
    {
        var notional = 0m;
        foreach (var order in Unfinished)
        {
            if (IsLive(order) && order.Side == Side.Buy && where(order))
            {
                notional += order.RemainingQuantity.Shares * order.LimitPrice.Value;
            }
        }

        return notional;
    }

    public IEnumerable<Order> LiveIn(BinaryMarket market) => Live.Where(o => market.Contains(o.Token));

    /// <summary>Forgets terminal orders older than <paramref name="before"/> (they are in the journal).</summary>
    public int Prune(DateTimeOffset before)
    {
        var stale = _byId.Values.Where(o => o.IsTerminal && o.UpdatedAt < before).ToList();
        foreach (var order in stale)
        {
            _byId.Remove(order.Id);
            if (order.VenueId is { } venueId)
            {
                _byVenueId.Remove(venueId);
            }
        }

        return stale.Count;
    }

    private static bool IsLive(Order order) => OrderTransitions.IsLive(order.Status) || order.Status == OrderStatus.Journaled;
}
