using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ploy.Core.MarketData;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Rtds;
using Ploy.Venues.Polymarket.WebSocket;

namespace Ploy.Venues.Polymarket.Adapter;

/// <summary>
/// Polymarket market data as an <see cref="IMarketDataFeed"/>: the market channel's books and trades, plus
/// <see cref="MarketListedEvent"/>s and <see cref="MarketResolvedEvent"/>s from polling <c>GET /markets</c> (a closed
/// market's <c>tokens[].winner</c>). New markets' tokens are subscribed automatically; a listing is always emitted before
/// any book of its tokens. With round discovery (Gamma), round markets carry their <see cref="Core.Markets.RoundInfo"/>;
/// with an RTDS stream, its crypto prices arrive as <see cref="ReferencePriceEvent"/>s (the CLOB itself has neither).
/// The stream's integrity news is forwarded as is: a <see cref="BookUntrustedEvent"/> or a <see cref="TickSizeChangeEvent"/>
/// makes the engine stop trading the book until the stream's fresh <see cref="BookSnapshotEvent"/>; a tick-size change
/// also updates the catalog first, so orders built after the engine sees it are rounded and signed on the new grid.
/// </summary>
public sealed class PolymarketMarketDataFeed : IMarketDataFeed, IAsyncDisposable
{
    private readonly PolymarketClobClient _client;
    private readonly PolymarketMarketStream _stream;
    private readonly PolymarketMarketCatalog _catalog;
    private readonly PolymarketVenueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<MarketDataEvent> _events = Channel.CreateUnbounded<MarketDataEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<ConditionId> _announced = [];
    private Task _pump = Task.CompletedTask;
    private Task _poll = Task.CompletedTask;
    private readonly PolymarketRoundDirectory? _rounds;
    private readonly PolymarketRtdsStream? _reference;
    private Task _referencePump = Task.CompletedTask;

    // rounds: round discovery from Gamma (null lists markets without round information);
    // reference: the RTDS reference-price stream (null produces no reference prices).
    public PolymarketMarketDataFeed(PolymarketClobClient client, PolymarketMarketStream stream, PolymarketMarketCatalog catalog, PolymarketVenueOptions options,
        TimeProvider time, ILogger<PolymarketMarketDataFeed>? logger = null, PolymarketRoundDirectory? rounds = null, PolymarketRtdsStream? reference = null)
    {
        _rounds = rounds;
        _reference = reference;
        _client = client;
        _stream = stream;
        _catalog = catalog;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public ChannelReader<MarketDataEvent> Events => _events.Reader;

    public PolymarketMarketStream Stream => _stream;

    /// <summary>Lists the open markets (from the catalog and one poll), subscribes their tokens, then polls in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _pump = Task.Run(() => PumpAsync(_stopping.Token), CancellationToken.None);
        if (_reference is not null)
        {
            _reference.Start();
            _referencePump = Task.Run(() => PumpReferenceAsync(_reference, _stopping.Token), CancellationToken.None);
        }

        await AnnounceAsync(_catalog.OpenMarkets, cancellationToken);
        await PollOnceAsync(cancellationToken);
        _poll = Task.Run(() => PollLoopAsync(_stopping.Token), CancellationToken.None);
    }

    public Task SubscribeAsync(IReadOnlyCollection<TokenId> tokens, CancellationToken cancellationToken) => _stream.SubscribeAsync(tokens, cancellationToken);

    public Task UnsubscribeAsync(IReadOnlyCollection<TokenId> tokens, CancellationToken cancellationToken) => _stream.UnsubscribeAsync(tokens, cancellationToken);

    /// <summary>One <c>GET /markets</c> poll: emits listings and resolutions; returns false when the venue did not answer.</summary>
    public async Task<bool> PollOnceAsync(CancellationToken cancellationToken)
    {
        var markets = await _client.GetMarketsAsync(cancellationToken);
        if (!markets.IsSuccess)
        {
            Log.MarketPollFailed(_logger, markets.Error.ToString());
            return false;
        }

        // Gamma after the CLOB: every market just listed by the CLOB is then already known to Gamma (rounds are created there first).
        if (_rounds is not null)
        {
            await _rounds.RefreshAsync(cancellationToken);
        }

        var now = _time.GetUtcNow();
        var changes = _catalog.Update(markets.Value!, now, _rounds is null ? null : _rounds.Lookup);
        await AnnounceAsync(changes.Listed, cancellationToken);
        foreach (var resolution in changes.Resolved)
        {
            Log.MarketResolved(_logger, resolution.Condition.Value, resolution.Winner);
            _events.Writer.TryWrite(new MarketResolvedEvent(resolution));
            if (_options.AutoSubscribe && markets.Value!.FirstOrDefault(m => m.ConditionId == resolution.Condition.Value) is { } closed)
            {
                await _stream.UnsubscribeAsync([.. closed.Tokens.Select(t => new TokenId(t.TokenId))], cancellationToken);
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _poll.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stream.DisposeAsync();
        await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_reference is not null)
        {
            await _reference.DisposeAsync();
        }

        await _referencePump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _events.Writer.TryComplete();
        _stopping.Dispose();
    }

    private async Task AnnounceAsync(IEnumerable<Core.Markets.BinaryMarket> markets, CancellationToken cancellationToken)
    {
        foreach (var market in markets)
        {
            lock (_announced)
            {
                if (!_announced.Add(market.Condition))
                {
                    continue;
                }
            }

            Log.MarketListed(_logger, market.Condition.Value, market.Question);
            // Written before subscribing: the engine must know the market before its first book arrives.
            _events.Writer.TryWrite(new MarketListedEvent(market, _time.GetUtcNow()));
            if (_options.AutoSubscribe)
            {
                await _stream.SubscribeAsync([market.Yes, market.No], cancellationToken);
            }
        }
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var marketData in _stream.Events.ReadAllAsync(cancellationToken))
            {
                if (marketData is TickSizeChangeEvent tick)
                {
                    _catalog.SetTick(tick.Token, tick.NewTick);
                }

                _events.Writer.TryWrite(marketData);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task PumpReferenceAsync(PolymarketRtdsStream reference, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var price in reference.Events.ReadAllAsync(cancellationToken))
            {
                _events.Writer.TryWrite(price);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task PollLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_options.MarketPollInterval, _time, cancellationToken);
                await PollOnceAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
