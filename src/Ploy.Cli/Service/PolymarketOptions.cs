using Ploy.Hosting.Logging;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Cli.Service;

/// <summary>
/// Polymarket credentials and endpoints (config section <c>Polymarket</c>). Needed in live mode only. The secrets
/// belong in the environment or the secrets directory, never in the config file; they are <see cref="SecretString"/>s,
/// so nothing prints them. The URLs default to Polymarket's production hosts; tests point them at <c>ploy venue</c>.
/// </summary>
public sealed class PolymarketOptions
{
    public const string Section = "Polymarket";

    /// <summary>The CLOB REST API.</summary>
    public Uri ClobUrl { get; set; } = new("https://clob.polymarket.com");

    /// <summary>The WebSocket base; <c>ws/market</c> and <c>ws/user</c> are appended.</summary>
    public Uri WebSocketUrl { get; set; } = new("wss://ws-subscriptions-clob.polymarket.com/");

    /// <summary>Gamma, where recurring rounds (their window and price to beat) are discovered.</summary>
    public Uri GammaUrl { get; set; } = new("https://gamma-api.polymarket.com/");

    /// <summary>The real-time data socket whose <c>crypto_prices</c> are the rounds' reference prices.</summary>
    public Uri RtdsUrl { get; set; } = new("wss://ws-live-data.polymarket.com");

    /// <summary>
    /// Slugs of the recurring series whose rounds to follow (e.g. <c>btc-updown-15m</c>): their markets carry round info
    /// and the reference price streams from <see cref="RtdsUrl"/>, so the momentum strategy can trade them. Empty = no
    /// round discovery (Gamma lists far too many series to follow them all).
    /// </summary>
    public IList<string> RoundSeries { get; } = [];

    public int ChainId { get; set; } = PolymarketContracts.Polygon;

    /// <summary>0 EOA, 1 proxy, 2 Safe, 3 deposit wallet.</summary>
    public int SignatureType { get; set; }

    /// <summary>The proxy or Safe holding the funds (signature types 1 and 2).</summary>
    public string? FunderAddress { get; set; }

    /// <summary>The venue's dead man's switch: a heartbeat this often (it cancels every order after 10 s without one); null = off.</summary>
    public TimeSpan? HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Scales the published rate quotas of the client-side rate gate (1 = as published; less for a shared key).</summary>
    public double QuotaScale { get; set; } = 1.0;

    /// <summary>Re-request every book this often so a quiet, healthy book is not aged into "stale"; null = never.</summary>
    public TimeSpan? SnapshotRefreshInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often the trading loop runs the strategies' timers (re-quotes, stale-order cancels, round closes). Market data
    /// and fills do not wait for it: the loop hands them to the strategies as they arrive.
    /// </summary>
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The EOA key (hex): L1 auth and order signing.</summary>
    public SecretString? PrivateKey { get; set; }

    /// <summary>The L2 API key; must be the one the venue derives for <see cref="PrivateKey"/> (checked at start).</summary>
    public SecretString? ApiKey { get; set; }

    public SecretString? ApiSecret { get; set; }

    public SecretString? ApiPassphrase { get; set; }

    /// <summary>Every problem, each naming its full key; credentials are required only in live mode.</summary>
    public IReadOnlyList<string> Validate(TradingMode mode)
    {
        var problems = new List<string>();
        if (SignatureType is < 0 or > 3)
        {
            problems.Add($"{Section}:{nameof(SignatureType)} must be 0 (EOA), 1 (proxy), 2 (Safe) or 3 (deposit wallet), was {SignatureType}.");
        }
        else if (SignatureType is 1 or 2 && string.IsNullOrWhiteSpace(FunderAddress))
        {
            problems.Add($"{Section}:{nameof(FunderAddress)} is required for {Section}:{nameof(SignatureType)} 1 and 2 (the proxy or Safe holding the funds).");
        }

        if (!ClobUrl.IsAbsoluteUri || (ClobUrl.Scheme != Uri.UriSchemeHttps && !(ClobUrl.Scheme == Uri.UriSchemeHttp && ClobUrl.IsLoopback)))
        {
            problems.Add($"{Section}:{nameof(ClobUrl)} must be https (or http on loopback), was {ClobUrl}.");
        }

        if (!WebSocketUrl.IsAbsoluteUri || (WebSocketUrl.Scheme != Uri.UriSchemeWss && !(WebSocketUrl.Scheme == Uri.UriSchemeWs && WebSocketUrl.IsLoopback)))
        {
            problems.Add($"{Section}:{nameof(WebSocketUrl)} must be wss (or ws on loopback), was {WebSocketUrl}.");
        }

        if (!GammaUrl.IsAbsoluteUri || (GammaUrl.Scheme != Uri.UriSchemeHttps && !(GammaUrl.Scheme == Uri.UriSchemeHttp && GammaUrl.IsLoopback)))
        {
            problems.Add($"{Section}:{nameof(GammaUrl)} must be https (or http on loopback), was {GammaUrl}.");
        }

        if (!RtdsUrl.IsAbsoluteUri || (RtdsUrl.Scheme != Uri.UriSchemeWss && !(RtdsUrl.Scheme == Uri.UriSchemeWs && RtdsUrl.IsLoopback)))
        {
            problems.Add($"{Section}:{nameof(RtdsUrl)} must be wss (or ws on loopback), was {RtdsUrl}.");
        }

        for (var i = 0; i < RoundSeries.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(RoundSeries[i]))
            {
                problems.Add($"{Section}:{nameof(RoundSeries)}:{i} is empty (a series slug, e.g. btc-updown-15m).");
            }
        }

        if (ChainId is not (PolymarketContracts.Polygon or PolymarketContracts.Amoy))
        {
            problems.Add($"{Section}:{nameof(ChainId)} must be {PolymarketContracts.Polygon} (Polygon) or {PolymarketContracts.Amoy} (Amoy), was {ChainId}.");
        }

        if (HeartbeatInterval is { } heartbeat && (heartbeat <= TimeSpan.Zero || heartbeat >= TimeSpan.FromSeconds(10)))
        {
            problems.Add($"{Section}:{nameof(HeartbeatInterval)} must lie between 0 and 00:00:10 (the venue cancels every order after 10 s without one), was {heartbeat:c}.");
        }

        if (QuotaScale is <= 0 or > 1 || double.IsNaN(QuotaScale))
        {
            problems.Add($"{Section}:{nameof(QuotaScale)} must lie in (0, 1], was {QuotaScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        if (SnapshotRefreshInterval is { } refresh && refresh <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:{nameof(SnapshotRefreshInterval)} must be positive (or unset).");
        }

        if (TimerInterval < TimeSpan.FromMilliseconds(10) || TimerInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:{nameof(TimerInterval)} must lie between 00:00:00.01 and 01:00:00, was {TimerInterval:c}.");
        }

        if (mode == TradingMode.Live)
        {
            void Required(SecretString? value, string key)
            {
                if (value is null || value.IsEmpty)
                {
                    problems.Add($"{Section}:{key} is required in live mode (set it in the secrets directory as {Section}__{key}, or PLOY__{Section.ToUpperInvariant()}__{key.ToUpperInvariant()}).");
                }
            }

            Required(PrivateKey, nameof(PrivateKey));
            Required(ApiKey, nameof(ApiKey));
            Required(ApiSecret, nameof(ApiSecret));
            Required(ApiPassphrase, nameof(ApiPassphrase));
            if (PrivateKey is { IsEmpty: false } key)
            {
                try
                {
                    using var parsed = PolymarketPrivateKey.Parse(key.Reveal());
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException)
                {
                    // Never echo the key, nor the parser's message (it may quote it).
                    problems.Add($"{Section}:{nameof(PrivateKey)} is not a 32-byte hex key.");
                }
            }
        }

        return problems;
    }
}
