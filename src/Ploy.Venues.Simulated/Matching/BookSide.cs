using Ploy.Core.Books;
using Ploy.Core.Primitives;

namespace Ploy.Venues.Simulated.Matching;

/// <summary>
/// One side (bids or asks) of one token: price levels in an array indexed by grid step (101 slots on a 0.01 grid,
/// 1001 on a grid that must also hold 0.001 prices), with the best index cached so the top of book is O(1) and only
/// emptying the best level scans. The grid is the finest the market can ever trade on, so a tick-size change never
/// re-indexes resting orders.
/// </summary>
internal sealed class BookSide
{
    private readonly PriceLevel?[] _levels;
    private readonly int _tickUnits;

    public BookSide(Side side, int gridUnits)
    {
        Side = side;
        _tickUnits = gridUnits;
        _levels = new PriceLevel?[(Price.UnitsPerOne / _tickUnits) + 1];
    }

    /// <summary>Slots of the grid: the most levels one side can hold.</summary>
    public int Capacity => _levels.Length;

    public Side Side { get; }

    /// <summary>Index of the best non-empty level, or −1.</summary>
    public int BestIndex { get; private set; } = -1;

    public PriceLevel? Best => BestIndex < 0 ? null : _levels[BestIndex];

    public int LevelCount { get; private set; }

    public Price PriceAt(int index) => Price.FromUnits(index * _tickUnits);

    public int IndexOf(Price price) => price.Units / _tickUnits;

    public void Add(EngineOrder order)
    {
        var index = IndexOf(order.Price);
        var level = _levels[index] ??= new PriceLevel(index);
        if (level.IsEmpty)
        {
            LevelCount++;
            if (BestIndex < 0 || IsBetter(index, BestIndex))
            {
                BestIndex = index;
            }
        }

        level.Append(order);
    }

    /// <summary>Takes a resting order off its level (after a cancel or its final fill).</summary>
    public void Remove(EngineOrder order)
    {
        var level = order.Level!;
        level.Remove(order);
        if (level.IsEmpty)
        {
            LevelCount--;
            if (level.Index == BestIndex)
            {
                BestIndex = LevelCount == 0 ? -1 : ScanFrom(level.Index);
            }
        }
    }

    /// <summary>Levels from the best outwards (for depth, FOK checks and cancels).</summary>
    public IEnumerable<PriceLevel> Levels()
    {
        if (BestIndex < 0)
        {
            yield break;
        }

        var step = Side == Side.Buy ? -1 : 1;
        for (var i = BestIndex; i >= 0 && i < _levels.Length; i += step)
        {
            if (_levels[i] is { IsEmpty: false } level)
            {
                yield return level;
            }
        }
    }

    public int CopyDepth(Span<BookLevel> destination)
    {
        var count = 0;
        if (BestIndex < 0)
        {
            return 0;
        }

        var step = Side == Side.Buy ? -1 : 1;
        for (var i = BestIndex; i >= 0 && i < _levels.Length && count < destination.Length; i += step)
        {
            if (_levels[i] is { IsEmpty: false } level)
            {
                destination[count++] = new BookLevel(PriceAt(i), Size.Of(level.Total));
            }
        }

        return count;
    }

    public decimal TotalAt(Price price) => _levels[IndexOf(price)]?.Total ?? 0m;

    private bool IsBetter(int index, int than) => Side == Side.Buy ? index > than : index < than;

    private int ScanFrom(int index)
    {
        var step = Side == Side.Buy ? -1 : 1;
        for (var i = index + step; i >= 0 && i < _levels.Length; i += step)
        {
            if (_levels[i] is { IsEmpty: false })
            {
                return i;
            }
        }

        return -1;
    }
}
