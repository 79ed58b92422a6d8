using Ploy.Core.Primitives;

namespace Ploy.Core.Books;

/// <summary>
/// An L2 book for one token: a snapshot plus deltas, with best bid/ask, depth and freshness.
/// Levels live in two dense arrays indexed by price in 0.0001 units and hold sizes in 10⁻⁶ shares, so
/// applying a delta is an array store plus, at worst, a scan for the next best level — no allocation.
/// A book also carries a trust flag: strategies must not trade a book that is stale, failed its hash
/// check, or saw a tick-size change, until a fresh snapshot arrives.
/// </summary>
public sealed class OrderBook : IOrderBookView
{
    private const int Levels = Price.UnitsPerOne + 1;
    private readonly long[] _bids = new long[Levels];
    private readonly long[] _asks = new long[Levels];
    private int _bestBid = -1;
    private int _bestAsk = -1;
    private int _bidLevels;
    private int _askLevels;

    public OrderBook(TokenId token) => Token = token;

    public TokenId Token { get; }

    public DateTimeOffset LastUpdate { get; private set; }

    /// <summary>Snapshots and deltas applied since creation.</summary>
    public long UpdateCount { get; private set; }

    /// <summary>False until the first snapshot, and after <see cref="MarkUntrusted"/> until the next one.</summary>
    public bool IsTrusted { get; private set; }

    public string? UntrustedReason { get; private set; } = "no snapshot yet";

    public int BidLevelCount => _bidLevels;

    public int AskLevelCount => _askLevels;

    public bool IsCrossed => _bestBid >= 0 && _bestAsk >= 0 && _bestBid >= _bestAsk;

    public BookLevel? BestBid => _bestBid < 0 ? null : Level(_bestBid, _bids[_bestBid]);

    public BookLevel? BestAsk => _bestAsk < 0 ? null : Level(_bestAsk, _asks[_bestAsk]);

    /// <summary>Midpoint of best bid and ask, or null when either side is empty.</summary>
    public decimal? Mid => _bestBid < 0 || _bestAsk < 0 ? null : (_bestBid + _bestAsk) * Price.Unit / 2m;

    public decimal? Spread => _bestBid < 0 || _bestAsk < 0 ? null : (_bestAsk - _bestBid) * Price.Unit;

    /// <summary>Replaces the whole book and makes it trusted again.</summary>
    public void ApplySnapshot(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, DateTimeOffset at)
    {
        Array.Clear(_bids);
        Array.Clear(_asks);
        _bestBid = _bestAsk = -1;
        _bidLevels = _askLevels = 0;
        foreach (var level in bids)
        {
            Set(Side.Buy, level.Price.Units, level.Size.Micros);
        }

        foreach (var level in asks)
        {
            Set(Side.Sell, level.Price.Units, level.Size.Micros);
        }

        IsTrusted = true;
        UntrustedReason = null;
        Touch(at);
    }

    /// <summary>Sets the size at one level (0 removes it). The hot path: no allocation.</summary>
    public void ApplyDelta(Side side, int priceUnits, long sizeMicros, DateTimeOffset at)
    {
        // A price lies strictly between 0 and 1: units 1..9999. Units 0 and 10000 fit the arrays but are not
        // prices, and storing one would make every later read of that side throw far from the cause.
        if ((uint)(priceUnits - 1) >= Price.UnitsPerOne - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(priceUnits), priceUnits, "Level outside the price range.");
        }

        if (sizeMicros < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sizeMicros), sizeMicros, "Negative size.");
        }

        Set(side, priceUnits, sizeMicros);
        Touch(at);
    }

    public void ApplyDelta(Side side, Price price, Size size, DateTimeOffset at) => ApplyDelta(side, price.Units, size.Micros, at);

    public Size SizeAt(Side side, Price price) => Size.FromMicros((side == Side.Buy ? _bids : _asks)[price.Units]);

    /// <summary>Copies up to <paramref name="destination"/>.Length levels of one side, best first.</summary>
    public int CopyDepth(Side side, Span<BookLevel> destination)
    {
        var levels = side == Side.Buy ? _bids : _asks;
        var index = side == Side.Buy ? _bestBid : _bestAsk;
        var step = side == Side.Buy ? -1 : 1;
        var count = 0;
        if (index < 0)
        {
            return 0;
        }

        for (; index is >= 0 and < Levels && count < destination.Length; index += step)
        {
            if (levels[index] > 0)
            {
                destination[count++] = Level(index, levels[index]);
            }
        }

        return count;
    }

    /// <summary>Shares available at or better than <paramref name="limit"/> on one side.</summary>
    public Size DepthAtOrBetter(Side side, Price limit)
    {
        long total = 0;
        if (side == Side.Buy)
        {
            for (var i = _bestBid; i >= limit.Units && i >= 0; i--)
            {
                total += _bids[i];
            }
        }
        else if (_bestAsk >= 0)
        {
            for (var i = _bestAsk; i <= limit.Units; i++)
            {
                total += _asks[i];
            }
        }

        return Size.FromMicros(total);
    }

    public void MarkUntrusted(string reason)
    {
        IsTrusted = false;
        UntrustedReason = reason;
    }

    public bool IsStale(DateTimeOffset now, TimeSpan maxAge) => UpdateCount == 0 || now - LastUpdate > maxAge;

    private static BookLevel Level(int units, long micros) => new(Price.FromUnits(units), Size.FromMicros(micros));

    private void Touch(DateTimeOffset at)
    {
        LastUpdate = at;
        UpdateCount++;
    }

    private void Set(Side side, int units, long micros)
    {
        if (side == Side.Buy)
        {
            var was = _bids[units];
            _bids[units] = micros;
            _bidLevels += (was == 0 ? 0 : -1) + (micros == 0 ? 0 : 1);
            if (micros > 0 && units > _bestBid)
            {
                _bestBid = units;
            }
            else if (micros == 0 && units == _bestBid)
            {
                _bestBid = _bidLevels == 0 ? -1 : ScanDown(_bids, units);
            }
        }
        else
        {
            var was = _asks[units];
            _asks[units] = micros;
            _askLevels += (was == 0 ? 0 : -1) + (micros == 0 ? 0 : 1);
            if (micros > 0 && (_bestAsk < 0 || units < _bestAsk))
            {
                _bestAsk = units;
            }
            else if (micros == 0 && units == _bestAsk)
            {
                _bestAsk = _askLevels == 0 ? -1 : ScanUp(_asks, units);
            }
        }
    }

    private static int ScanDown(long[] levels, int from)
    {
        for (var i = from - 1; i >= 0; i--)
        {
            if (levels[i] > 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static int ScanUp(long[] levels, int from)
    {
        for (var i = from + 1; i < Levels; i++)
        {
            if (levels[i] > 0)
            {
                return i;
            }
        }

        return -1;
    }
}
