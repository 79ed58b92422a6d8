using Ploy.Core.Journal;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Execution.Tests.Fakes;

/// <summary>A journal in memory with switchable write failures (the seam for fail-closed tests).</summary>
internal sealed class InMemoryJournal : IJournal
{
    private readonly Dictionary<ClientOrderId, JournaledOrder> _orders = [];
    private readonly List<Fill> _fills = [];
    private readonly Dictionary<DateOnly, DailyRiskState> _daily = [];
    private int _fillsInPortfolio; // as the real journals: the snapshot holds every fill journaled before it

    public bool FailWrites { get; set; }

    public List<string> Log { get; } = [];

    public PortfolioSnapshot? Portfolio { get; private set; }

    public KillSwitchState? KillSwitch { get; private set; }

    public bool Contains(ClientOrderId id) => _orders.ContainsKey(id);

    public JournaledOrder Order(ClientOrderId id) => _orders[id];

    public IReadOnlyList<Fill> Fills => _fills;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RecordOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        Write();
        _orders.Add(order.Id, new JournaledOrder(order, OrderStatus.Journaled, Size.Zero, 0m, null, order.CreatedAt));
        Log.Add($"order {order.Id}");
        return Task.CompletedTask;
    }

    public Task RecordTransitionAsync(OrderTransitionRecord transition, CancellationToken cancellationToken)
    {
        Write();
        var current = _orders[transition.Id];
        _orders[transition.Id] = current with
        {
            Status = transition.To,
            Filled = transition.Filled,
            FilledNotional = transition.FilledNotional,
            Reason = transition.Reason,
            UpdatedAt = transition.At,
        };
        Log.Add($"{transition.Id} {transition.From}->{transition.To}");
        return Task.CompletedTask;
    }

    public Task<bool> RecordFillAsync(Fill fill, CancellationToken cancellationToken)
    {
        Write();
        if (_fills.Any(f => f.Trade == fill.Trade && f.Order == fill.Order))
        {
            return Task.FromResult(false);
        }

        _fills.Add(fill);
        return Task.FromResult(true);
    }

    public Task SavePortfolioAsync(PortfolioSnapshot snapshot, CancellationToken cancellationToken)
    {
        Write();
        Portfolio = snapshot;
        _fillsInPortfolio = _fills.Count;
        return Task.CompletedTask;
    }

    public Task SaveKillSwitchAsync(KillSwitchState state, CancellationToken cancellationToken)
    {
        Write();
        KillSwitch = state;
        return Task.CompletedTask;
    }

    public Task SaveDailyRiskAsync(DailyRiskState state, CancellationToken cancellationToken)
    {
        Write();
        _daily[state.Day] = state;
        return Task.CompletedTask;
    }

    public Task<DailyRiskState?> LoadDailyRiskAsync(DateOnly day, CancellationToken cancellationToken) =>
        Task.FromResult(_daily.GetValueOrDefault(day));

    public Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new JournalSnapshot([.. _orders.Values], [.. _fills], Portfolio, KillSwitch)
        {
            FillsAfterPortfolio = Portfolio is null ? [.. _fills] : [.. _fills.Skip(_fillsInPortfolio)],
        });

    private void Write()
    {
        if (FailWrites)
        {
            throw new IOException("disk full (injected)");
        }
    }
}
