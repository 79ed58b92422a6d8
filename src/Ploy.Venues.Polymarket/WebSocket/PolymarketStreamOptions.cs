namespace Ploy.Venues.Polymarket.WebSocket;

/// <summary>WebSocket behaviour shared by the market and user channels (protocol reference §7).</summary>
public sealed record PolymarketStreamOptions
{
    /// <summary>The socket base, e.g. wss://ws-subscriptions-clob.polymarket.com or ws://127.0.0.1:8090; /ws/market and /ws/user are appended.</summary>
    public Uri BaseAddress { get; init; } = new("wss://ws-subscriptions-clob.polymarket.com/");

    /// <summary>Text "PING" every this often (the Rust client and the docs: 10 s).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No message and no PONG for this long: the connection is dead (Rust client: 30 s).</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay; doubles up to <see cref="ReconnectMaxDelay"/> (Rust client: 1 s → 60 s).</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Assets per market connection. Venue quirk: above ~500 assets no initial snapshot arrives (nautilus_trader PR #2915).
    /// </summary>
    public int MaxAssetsPerConnection { get; init; } = 400;

    /// <summary>A requested resync that brought no snapshot within this time reconnects the connection.</summary>
    public TimeSpan ResyncTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Check book hashes where the venue sends them and the snapshot carried every field they cover.</summary>
    public bool VerifyBookHashes { get; init; } = true;

    /// <summary>Consecutive mismatches of one token after which its hash check is given up (an unreproducible format).</summary>
    public int MaxHashMismatches { get; init; } = 3;

    /// <summary>
    /// Re-request every book this often (a fresh snapshot per token), so a quiet but healthy book is not aged into
    /// "stale" by the engine; null = never. Costs one snapshot per token per interval.
    /// </summary>
    public TimeSpan? SnapshotRefreshInterval { get; init; }

    /// <summary>Ask for <c>best_bid_ask</c>, <c>new_market</c> and <c>market_resolved</c> too.</summary>
    public bool CustomFeatures { get; init; }

    /// <summary>The lifecycle settings of one connection to <paramref name="address"/> (a channel below <see cref="BaseAddress"/>).</summary>
    internal ReconnectingSocketOptions Socket(Uri address) =>
        new(address, ConnectTimeout, PingInterval, PongTimeout, ReconnectMinDelay, ReconnectMaxDelay);

    public static Uri SocketBase(Uri restBase)
    {
        var builder = new UriBuilder(restBase) { Scheme = restBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        return builder.Uri;
    }
}
