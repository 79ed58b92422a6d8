using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Gamma;
using Ploy.Venues.Polymarket.Http;

namespace Ploy.Venues.Polymarket.Adapter;

/// <summary>
/// Learns the rounds of recurring series from Gamma: for each followed series, its current and next rounds, each
/// round's market (by condition id) and its price to beat (<c>eventMetadata.priceToBeat</c>), as Core
/// <see cref="RoundInfo"/>. The CLOB's market list does not say a market is a round or what it measures; this does.
/// Thread-safe; refreshed by the market poll.
/// </summary>
public sealed class PolymarketRoundDirectory
{
    private readonly PolymarketGammaClient _gamma;
    private readonly PolymarketRoundDiscoveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<ConditionId, RoundInfo?> _rounds = [];

    public PolymarketRoundDirectory(PolymarketGammaClient gamma, PolymarketRoundDiscoveryOptions options, TimeProvider time,
        ILogger<PolymarketRoundDirectory>? logger = null)
    {
        _gamma = gamma;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>What is known of a market; call after <see cref="RefreshAsync"/>.</summary>
    public PolymarketRoundStatus Lookup(ConditionId condition)
    {
        lock (_lock)
        {
            return _rounds.TryGetValue(condition, out var round) ? new PolymarketRoundStatus(true, round) : PolymarketRoundStatus.NotARound;
        }
    }

    /// <summary>Reads the followed series' current and next rounds; false when Gamma did not answer (what was known stays).</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var series = await FollowedSeriesAsync(cancellationToken);
        if (series is null)
        {
            return false;
        }

        var ok = true;
        var now = _time.GetUtcNow();
        foreach (var (slug, events) in series)
        {
            var rounds = PolymarketGammaRounds.Select(events, now);
            foreach (var candidate in (PolymarketGammaEvent?[])[rounds.Current, rounds.Next])
            {
                if (candidate is null || !NeedsDetail(candidate))
                {
                    continue;
                }

                // A series' nested events may come without markets or metadata: the event itself has both.
                var detail = candidate;
                if (candidate.Markets.All(m => m.ConditionId is null) || candidate.Metadata?.PriceToBeat is null)
                {
                    if (candidate.Slug is null)
                    {
                        continue;
                    }

                    var fetched = await _gamma.GetEventBySlugAsync(candidate.Slug, cancellationToken);
                    if (!fetched.IsSuccess)
                    {
                        Log.RoundDiscoveryFailed(_logger, fetched.Error.ToString());
                        ok = false;
                        continue;
                    }

                    detail = fetched.Value!;
                }

                Remember(slug, detail);
            }
        }

        return ok;
    }

    private bool NeedsDetail(PolymarketGammaEvent round)
    {
        lock (_lock)
        {
            // Known with its price already: nothing more to learn. Unknown or pending: look again.
            return round.Markets.Count == 0
                || round.Markets.Any(m => m.ConditionId is null || !_rounds.TryGetValue(new ConditionId(m.ConditionId), out var known) || known is null);
        }
    }

    private void Remember(string seriesSlug, PolymarketGammaEvent round)
    {
        if (round.WindowStart is not { } start)
        {
            return;
        }

        var price = round.Metadata?.PriceToBeat is { } p && p > 0m ? p : (decimal?)null;
        var info = price is { } startPrice ? new RoundInfo(seriesSlug, NumberOf(round, start), _options.ReferenceSymbolOf(seriesSlug), startPrice) : null;
        lock (_lock)
        {
            foreach (var market in round.Markets)
            {
                if (market.ConditionId is { Length: > 0 } condition)
                {
                    _rounds[new ConditionId(condition)] = info;
                }
            }
        }
    }

    /// <summary>The round number: the slug's trailing Unix second ("btc-updown-15m-1763800200"), else the window's start.</summary>
    private static long NumberOf(PolymarketGammaEvent round, DateTimeOffset start)
    {
        var slug = round.Slug ?? string.Empty;
        var dash = slug.LastIndexOf('-');
        return dash >= 0 && long.TryParse(slug.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : start.ToUnixTimeSeconds();
    }

    private async Task<List<(string Slug, IReadOnlyList<PolymarketGammaEvent> Events)>?> FollowedSeriesAsync(CancellationToken cancellationToken)
    {
        var found = new List<(string, IReadOnlyList<PolymarketGammaEvent>)>();
        if (_options.Series.Count == 0)
        {
            var all = await _gamma.GetSeriesListAsync(new PolymarketGammaQuery { Closed = false }, cancellationToken);
            if (!all.IsSuccess)
            {
                Log.RoundDiscoveryFailed(_logger, all.Error.ToString());
                return null;
            }

            found.AddRange(all.Value!.Where(s => s.Slug is not null).Select(s => (s.Slug!, s.Events)));
            return found;
        }

        foreach (var slug in _options.Series)
        {
            var series = await _gamma.GetSeriesBySlugAsync(slug, cancellationToken);
            if (!series.IsSuccess)
            {
                Log.RoundDiscoveryFailed(_logger, series.Error.ToString());
                continue;
            }

            found.Add((slug, series.Value!.Events));
        }

        return found;
    }
}
