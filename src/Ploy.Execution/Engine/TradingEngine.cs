using System.Globalization;
using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Strategies;
using Ploy.Core.Time;
using Ploy.Core.Venues;
using Ploy.Execution.Gateway;

namespace Ploy.Execution.Engine;

/// <summary>
/// Drives strategies from market data and the gateway's news, on one logical thread: each input is handled
/// to completion — books updated, strategies called, their orders sent through the gateway and the results
/// fed back — before the next. Given the same inputs, it produces the same orders.
/// </summary>
public sealed class TradingEngine
{
    private readonly OrderGateway _gateway;
    private readonly TimeProvider _clock;
    private readonly EngineOptions _options;
    private readonly List<(IStrategy Strategy, StrategyContext Context)> _strategies = [];
    private readonly HashSet<StrategyId> _disabled = [];
    private readonly Queue<(ClientOrderId Id, OrderIntent Intent)> _pendingOrders = new();
    private readonly Queue<ClientOrderId> _pendingCancels = new();
    private readonly List<TokenId> _heldBooks = [];
    private long _sequence;
    private DateTimeOffset _lastCheckpoint;
    private DateTimeOffset _lastResolve;

    public TradingEngine(OrderGateway gateway, MarketState markets, IEnumerable<IStrategy> strategies, TimeProvider clock, EngineOptions options)
    {
        _gateway = gateway;
        Markets = markets;
        _clock = clock;
        _options = options;
        foreach (var strategy in strategies)
        {
            _strategies.Add((strategy, new StrategyContext(this, strategy.Id)));
        }

        _lastCheckpoint = _lastResolve = clock.GetUtcNow();
        // After a restart, number on from the journal's ids (reconciliation ran first), never from 1 again.
        _sequence = HighestSequence(gateway.JournaledOrderIds, options.OrderIdPrefix);
    }

    /// <summary>The largest n of the ids shaped <c>{prefix}-{n}</c>; 0 when there are none.</summary>
    public static long HighestSequence(IEnumerable<ClientOrderId> ids, string prefix)
    {
        long highest = 0;
        foreach (var id in ids)
        {
            var value = id.Value;
            if (value.Length > prefix.Length + 1 && value.StartsWith(prefix, StringComparison.Ordinal) && value[prefix.Length] == '-'
                && long.TryParse(value.AsSpan(prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                highest = Math.Max(highest, n);
            }
        }

        return highest;
    }

    public MarketState Markets { get; }

    public OrderGateway Gateway => _gateway;

    public IEnumerable<StrategyId> Strategies => _strategies.Select(s => s.Strategy.Id);

    public DateTimeOffset Now => _clock.GetUtcNow();

    public bool IsEnabled(StrategyId strategy) => !_disabled.Contains(strategy);

    public void SetEnabled(StrategyId strategy, bool enabled)
    {
        if (enabled)
        {
            _disabled.Remove(strategy);
        }
        else
        {
            _disabled.Add(strategy);
        }
    }

    public async Task OnMarketDataAsync(MarketDataEvent marketData, CancellationToken cancellationToken)
    {
        switch (marketData)
        {
            case PriceChangeEvent { MoreInBatch: true } partOfBatch:
                // A trade moves several levels at once and the book between two of them can be crossed: strategies
                // see it when the batch's last change is applied.
                Hold(Markets.Apply(partOfBatch));
                return;
            case MarketListedEvent listed:
                DispatchHeldBooks();
                Markets.List(listed.Market);
                Dispatch((s, c) => s.OnMarketListed(c, listed.Market));
                break;
            case MarketResolvedEvent resolved when Markets.Market(resolved.Resolution.Condition) is { } market:
                DispatchHeldBooks();
                await _gateway.SettleAsync(market, resolved.Resolution, cancellationToken);
                await DrainAsync(cancellationToken);
                Dispatch((s, c) => s.OnMarketResolved(c, market, resolved.Resolution));
                Markets.Remove(market);
                break;
            case ReferencePriceEvent reference:
                DispatchHeldBooks();
                Markets.Apply(reference);
                Dispatch((s, c) => s.OnReferencePrice(c, reference.Symbol, reference.Price));
                break;
            default:
                Hold(Markets.Apply(marketData));
                DispatchHeldBooks();
                break;
        }

        await DrainAsync(cancellationToken);
    }

    public async Task OnVenueEventAsync(VenueEvent venueEvent, CancellationToken cancellationToken)
    {
        await _gateway.ApplyVenueEventAsync(venueEvent, cancellationToken);
        await DrainAsync(cancellationToken);
    }

    /// <summary>The engine's heartbeat: staleness, unknown-order resolution, checkpoints, strategy timers.</summary>
    public async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        // These intervals are machine time (a silence on the wire, a polling cadence, how much a crash can lose) while
        // now is the venue's, which a sped-up simulation runs faster (MarketClock).
        var speed = MarketClock.SpeedOf(_clock);
        Markets.MarkStale(now, _options.MaxBookAge * speed);
        if (now - _lastResolve >= _options.ResolveInterval * speed)
        {
            _lastResolve = now;
            await _gateway.ResolveUnknownAsync(cancellationToken);
        }

        if (now - _lastCheckpoint >= _options.CheckpointInterval * speed)
        {
            _lastCheckpoint = now;
            await _gateway.CheckpointAsync(cancellationToken);
        }

        Dispatch((s, c) => s.OnTimer(c));
        await DrainAsync(cancellationToken);
    }

    /// <summary>Sends what strategies asked for and hands the gateway's news back to them, until quiet.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_pendingCancels.TryDequeue(out var cancel))
            {
                await _gateway.CancelAsync(cancel, cancellationToken);
            }
            else if (_pendingOrders.TryDequeue(out var pending))
            {
                await _gateway.SubmitAsync(pending.Id, pending.Intent, cancellationToken);
            }
            else if (!DispatchNotifications())
            {
                return;
            }

            DispatchNotifications();
        }
    }

    internal ClientOrderId Enqueue(OrderIntent intent)
    {
        var id = new ClientOrderId(string.Create(CultureInfo.InvariantCulture, $"{_options.OrderIdPrefix}-{++_sequence:D7}"));
        _pendingOrders.Enqueue((id, intent));
        return id;
    }

    internal void EnqueueCancel(ClientOrderId order) => _pendingCancels.Enqueue(order);

    internal IReadOnlyList<Order> OpenOrdersOf(StrategyId strategy) =>
        _gateway.Orders.All.Where(o => o.Strategy == strategy && !o.IsTerminal).ToList();

    internal decimal PositionOf(StrategyId strategy, TokenId token) =>
        _gateway.Ledger.ByStrategy.TryGetValue(strategy, out var portfolio) ? portfolio.SharesOf(token) : 0m;

    private bool DispatchNotifications()
    {
        var any = false;
        while (_gateway.Notifications.TryRead(out var notification))
        {
            any = true;
            switch (notification)
            {
                case OrderChanged changed:
                    DispatchTo(changed.Order.Strategy, (s, c) => s.OnOrderUpdate(c, changed.Order));
                    break;
                case OrderFilled filled:
                    DispatchTo(filled.Strategy, (s, c) => s.OnFill(c, filled.Fill));
                    break;
            }
        }

        return any;
    }

    private void Hold(OrderBook? changed)
    {
        if (changed is not null && !_heldBooks.Contains(changed.Token))
        {
            _heldBooks.Add(changed.Token);
        }
    }

    /// <summary>Shows the strategies every book changed since they last looked, once each, in the order they changed.</summary>
    private void DispatchHeldBooks()
    {
        foreach (var token in _heldBooks)
        {
            if (Markets.MarketOf(token) is { } market)
            {
                Dispatch((s, c) => s.OnBook(c, market, token));
            }
        }

        _heldBooks.Clear();
    }

    private void Dispatch(Action<IStrategy, StrategyContext> call)
    {
        foreach (var (strategy, context) in _strategies)
        {
            if (!_disabled.Contains(strategy.Id))
            {
                call(strategy, context);
            }
        }
    }

    private void DispatchTo(StrategyId id, Action<IStrategy, StrategyContext> call)
    {
        foreach (var (strategy, context) in _strategies)
        {
            if (strategy.Id == id)
            {
                call(strategy, context);
            }
        }
    }
}
