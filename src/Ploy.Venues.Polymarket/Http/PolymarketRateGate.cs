using System.Diagnostics;

namespace Ploy.Venues.Polymarket.Http;

/// <summary>
/// Client-side rate gate: a token bucket per endpoint sized from the published quotas (protocol reference §9,
/// venue-and-users.md §0.1) plus the general CLOB bucket. A request waits for a token up to a bound, then fails
/// as RateLimited without being sent. Written against <see cref="TimeProvider"/> (System.Threading.RateLimiting is
/// not part of Microsoft.NETCore.App and its limiters cannot take a fake clock).
/// </summary>
public sealed class PolymarketRateGate
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxWait;
    private readonly Bucket[] _buckets;

    public PolymarketRateGate(TimeProvider time, double quotaScale = 1.0, TimeSpan? maxWait = null)
    {
        _time = time;
        _maxWait = maxWait ?? TimeSpan.FromSeconds(2);
        var values = Enum.GetValues<PolymarketEndpoint>();
        _buckets = new Bucket[values.Length];
        foreach (var endpoint in values)
        {
            var (limit, window) = Quota(endpoint);
            _buckets[(int)endpoint] = new Bucket(Math.Max(1, limit * quotaScale), window, time.GetTimestamp());
        }
    }

    /// <summary>The published burst quota of an endpoint: requests per window.</summary>
    public static (int Limit, TimeSpan Window) Quota(PolymarketEndpoint endpoint)
    {
        var tenSeconds = TimeSpan.FromSeconds(10);
        return endpoint switch
        {
            PolymarketEndpoint.General => (9_000, tenSeconds),
            PolymarketEndpoint.Book or PolymarketEndpoint.Price or PolymarketEndpoint.Midpoint => (1_500, tenSeconds),
            PolymarketEndpoint.Books => (500, tenSeconds),
            PolymarketEndpoint.TickSize => (200, tenSeconds),
            PolymarketEndpoint.Markets => (9_000, tenSeconds),
            PolymarketEndpoint.ApiKey => (100, tenSeconds),
            PolymarketEndpoint.Orders or PolymarketEndpoint.Trades => (500, tenSeconds),
            PolymarketEndpoint.BalanceAllowance => (200, tenSeconds),
            PolymarketEndpoint.BalanceAllowanceUpdate => (50, tenSeconds),
            PolymarketEndpoint.PostOrder => (3_500, tenSeconds),
            PolymarketEndpoint.PostOrders => (1_000, tenSeconds),
            PolymarketEndpoint.CancelOrder or PolymarketEndpoint.CancelOrders => (3_000, tenSeconds),
            PolymarketEndpoint.Heartbeat => (9_000, tenSeconds),
            PolymarketEndpoint.Gamma => (4_000, tenSeconds),
            PolymarketEndpoint.GammaEvents => (500, tenSeconds),
            PolymarketEndpoint.GammaMarkets => (300, tenSeconds),
            _ => (9_000, tenSeconds),
        };
    }

    /// <summary>Takes a token of <paramref name="endpoint"/> and of the general bucket; false when that would wait too long.</summary>
    public async ValueTask<bool> AcquireAsync(PolymarketEndpoint endpoint, CancellationToken cancellationToken)
    {
        var deadline = _time.GetTimestamp() + (long)(_maxWait.TotalSeconds * _time.TimestampFrequency);
        // Gamma is another host with its own general quota; CLOB endpoints share the CLOB's.
        var general = endpoint is PolymarketEndpoint.Gamma or PolymarketEndpoint.GammaEvents or PolymarketEndpoint.GammaMarkets
            ? PolymarketEndpoint.Gamma
            : PolymarketEndpoint.General;
        foreach (var bucket in endpoint == general ? [_buckets[(int)general]] : new[] { _buckets[(int)endpoint], _buckets[(int)general] })
        {
            while (true)
            {
                var wait = bucket.TryTake(_time.GetTimestamp(), _time.TimestampFrequency);
                if (wait == TimeSpan.Zero)
                {
                    break;
                }

                if (_time.GetTimestamp() + (long)(wait.TotalSeconds * _time.TimestampFrequency) > deadline)
                {
                    return false;
                }

                Diagnostics.PolymarketDiagnostics.RateLimitWaited();
                await Task.Delay(wait, _time, cancellationToken);
            }
        }

        return true;
    }

    private sealed class Bucket(double size, TimeSpan window, long start)
    {
        private readonly Lock _lock = new();
        private readonly double _capacity = size;
        private readonly double _perSecond = size / window.TotalSeconds;
        private double _tokens = size;
        private long _last = start;

        /// <summary>Zero when a token was taken, else how long until one is available.</summary>
        public TimeSpan TryTake(long now, long frequency)
        {
            lock (_lock)
            {
                var elapsed = (double)(now - _last) / frequency;
                Debug.Assert(elapsed >= 0, "Timestamps are monotonic.");
                _tokens = Math.Min(_capacity, _tokens + (elapsed * _perSecond));
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return TimeSpan.Zero;
                }

                return TimeSpan.FromSeconds(Math.Max(0.001, (1 - _tokens) / _perSecond));
            }
        }
    }
}
