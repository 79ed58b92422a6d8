using Ploy.Venues.Polymarket.WebSocket;

namespace Ploy.Venues.Polymarket.Rtds;

/// <summary>
/// Polymarket's real-time data socket (RTDS, <c>wss://ws-live-data.polymarket.com</c>): where it is, which crypto
/// prices to ask for, and how the connection is kept.
/// </summary>
public sealed record PolymarketRtdsOptions
{
    /// <summary>The socket, e.g. wss://ws-live-data.polymarket.com or ws://127.0.0.1:8090/ws/live-data for <c>ploy venue</c>.</summary>
    public Uri Address { get; init; } = new("wss://ws-live-data.polymarket.com");

    /// <summary>The topic: <c>crypto_prices</c> (Binance pairs, "btcusdt") or <c>crypto_prices_chainlink</c> ("btc/usd").</summary>
    public string Topic { get; init; } = PolymarketRtdsParser.CryptoPrices;

    /// <summary>RTDS symbols to filter on (e.g. "btcusdt"); empty asks for every symbol of the topic.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Text "PING" this often (RTDS docs: every 5 s).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>No message and no PONG for this long: the connection is dead.</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The lifecycle settings of the RTDS connection.</summary>
    internal ReconnectingSocketOptions Socket() =>
        new(Address, ConnectTimeout, PingInterval, PongTimeout, ReconnectMinDelay, ReconnectMaxDelay) { ClosedByPeer = "closed by the server" };

    /// <summary>The RTDS socket beside a REST base (ploy venue serves it at /ws/live-data).</summary>
    public static Uri VenueAddress(Uri restBase)
    {
        var builder = new UriBuilder(restBase) { Scheme = restBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws", Path = "/ws/live-data" };
        return builder.Uri;
    }
}
