using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ploy.Core.MarketData;
using Ploy.Core.Time;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Adapter;
using Ploy.Venues.Polymarket.Diagnostics;
using Ploy.Venues.Polymarket.Gamma;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Rtds;
using Ploy.Venues.Polymarket.Signing;
using Ploy.Venues.Polymarket.WebSocket;

namespace Ploy.Cli.Service;

/// <summary>
/// Live mode: the Polymarket adapter (REST client, EOA signer, <see cref="PolymarketVenue"/>, market-data feed) composed
/// as <c>ploy paper --venue-url</c> composes it, against the configured CLOB and WebSocket hosts. Signing in derives the
/// API credentials from the private key; they must equal the configured ones, or the service refuses to start (a key
/// and credentials of two different accounts would trade one and reconcile the other). No secret is ever logged.
/// The REST client signs with the machine's clock (<paramref name="time"/>); everything that compares with market times
/// reads <paramref name="market"/>, which follows <c>ploy venue</c>'s simulated clock when it has one.
/// </summary>
internal sealed class PolymarketTradingVenue(PolymarketOptions options, TimeProvider time, MarketClock market) : ITradingVenue
{
    private readonly PolymarketDiagnosticsListener _signals = new();
    private HttpClient? _http;
    private PolymarketClobClient? _client;
    private PolymarketSigner? _signer;
    private PolymarketVenue? _venue;
    private PolymarketMarketDataFeed? _feed;

    public IVenue Venue => _venue ?? throw NotConnected();

    public ChannelReader<MarketDataEvent> MarketData => (_feed ?? throw NotConnected()).Events;

    public ChannelReader<VenueEvent> VenueEvents => (_venue ?? throw NotConnected()).Events;

    /// <summary>The strategies' timer; market data and fills are applied as they arrive, between ticks.</summary>
    public TimeSpan Step => options.TimerInterval;

    /// <summary>Fills and cancels arrive over the user channel after the REST answer: give the last ones time to land.</summary>
    public TimeSpan SettleTime => TimeSpan.FromSeconds(1);

    public VenueSignals Signals
    {
        get
        {
            var totals = _signals.Totals;
            return new VenueSignals(totals.WebSocketReconnects, totals.WebSocketGaps, totals.HeartbeatFailures, totals.RateLimitWaits);
        }
    }

    public async Task ConnectAsync(ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var clob = options.ClobUrl;
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _client = new PolymarketClobClient(_http, new PolymarketClobClientOptions { BaseAddress = clob, QuotaScale = options.QuotaScale }, time,
            loggers.CreateLogger<PolymarketClobClient>());
        _signer = new PolymarketSigner(PolymarketPrivateKey.Parse(options.PrivateKey!.Reveal()));
        var catalog = new PolymarketMarketCatalog();
        var venueOptions = new PolymarketVenueOptions
        {
            ChainId = options.ChainId,
            SignatureType = (PolymarketSignatureType)options.SignatureType,
            Funder = string.IsNullOrWhiteSpace(options.FunderAddress) ? null : options.FunderAddress,
            HeartbeatInterval = options.HeartbeatInterval,
        };
        var streamOptions = new PolymarketStreamOptions { BaseAddress = options.WebSocketUrl, SnapshotRefreshInterval = options.SnapshotRefreshInterval };
        _venue = new PolymarketVenue(_client, _signer, catalog, venueOptions, streamOptions, market, loggers);

        VenueResult<PolymarketApiCredentials> started;
        try
        {
            await PolymarketMarketClock.FollowAsync(_client, market, time, loggers.CreateLogger<PolymarketTradingVenue>(), cancellationToken);
            started = await _venue.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.WebSockets.WebSocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ServiceStartException($"Mode=Live refused: the Polymarket CLOB at {clob} is unreachable ({ex.GetType().Name}). Not trading.", ex);
        }

        if (!started.IsSuccess)
        {
            throw new ServiceStartException($"Mode=Live refused: could not sign in to the Polymarket CLOB at {clob}: {started.Error.Kind}: {started.Error.Message}. Not trading.");
        }

        var mismatched = Mismatched(started.Value!);
        if (mismatched.Count > 0)
        {
            throw new ServiceStartException(
                $"Mode=Live refused: {string.Join(", ", mismatched.Select(k => PolymarketOptions.Section + ":" + k))} do not match the API credentials the venue " +
                $"derives for {PolymarketOptions.Section}:PrivateKey (address {_signer.Address}). Not trading.");
        }

        // Rounds (window, price to beat) come from Gamma and their reference prices from RTDS — only for the named series.
        PolymarketRoundDirectory? rounds = null;
        PolymarketRtdsStream? reference = null;
        if (options.RoundSeries.Count > 0)
        {
            var gamma = new PolymarketGammaClient(_http, new PolymarketGammaClientOptions { BaseAddress = options.GammaUrl }, time, loggers.CreateLogger<PolymarketGammaClient>());
            rounds = new PolymarketRoundDirectory(gamma, new PolymarketRoundDiscoveryOptions { Series = [.. options.RoundSeries] }, market,
                loggers.CreateLogger<PolymarketRoundDirectory>());
            reference = new PolymarketRtdsStream(new PolymarketRtdsOptions { Address = options.RtdsUrl }, market, loggers.CreateLogger<PolymarketRtdsStream>());
        }

        _feed = new PolymarketMarketDataFeed(_client, new PolymarketMarketStream(streamOptions, market, loggers.CreateLogger<PolymarketMarketStream>()),
            catalog, venueOptions, market, loggers.CreateLogger<PolymarketMarketDataFeed>(), rounds, reference);
        Log.SignedIn(loggers.CreateLogger("Ploy.Cli.Service"), clob, _signer.Address, options.WebSocketUrl);
    }

    public void BeforeReconcile()
    {
        // The venue runs on its own; the user channel and heartbeats started with the sign-in.
    }

    public Task AfterReconcileAsync(CancellationToken cancellationToken) => (_feed ?? throw NotConnected()).StartAsync(cancellationToken);

    public void Advance(DateTimeOffset now)
    {
        // Real time: nothing to advance.
    }

    /// <summary>A market closes at the venue up to a poll interval before the feed's <c>GET /markets</c> sees it.</summary>
    public async Task PollResolutionsAsync(CancellationToken cancellationToken)
    {
        if (_feed is not null)
        {
            await _feed.PollOnceAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_feed is not null)
        {
            await _feed.DisposeAsync();
        }

        if (_venue is not null)
        {
            await _venue.DisposeAsync();
        }

        _signer?.Dispose();
        _client?.Dispose();
        _http?.Dispose();
        _signals.Dispose();
    }

    private static InvalidOperationException NotConnected() => new("The Polymarket venue is used before ConnectAsync succeeded.");

    private static bool SameSecret(string configured, string derived) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(configured), Encoding.UTF8.GetBytes(derived));

    private List<string> Mismatched(PolymarketApiCredentials derived)
    {
        var mismatched = new List<string>();
        if (!SameSecret(options.ApiKey!.Reveal(), derived.Key))
        {
            mismatched.Add(nameof(PolymarketOptions.ApiKey));
        }

        if (!SameSecret(options.ApiSecret!.Reveal(), derived.Secret))
        {
            mismatched.Add(nameof(PolymarketOptions.ApiSecret));
        }

        if (!SameSecret(options.ApiPassphrase!.Reveal(), derived.Passphrase))
        {
            mismatched.Add(nameof(PolymarketOptions.ApiPassphrase));
        }

        return mismatched;
    }
}
