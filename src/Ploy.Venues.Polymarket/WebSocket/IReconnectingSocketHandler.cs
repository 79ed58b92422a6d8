namespace Ploy.Venues.Polymarket.WebSocket;

/// <summary>
/// What one venue stream adds to the lifecycle a <see cref="ReconnectingSocket"/> runs: its subscription, what a frame
/// means, and what a connect or a loss implies. Called from the socket's loop only, never concurrently with itself
/// (except the keepalive members, which run beside the frames).
/// </summary>
internal interface IReconnectingSocketHandler
{
    /// <summary>
    /// The subscribe message for this (re)connect. Built after the connect and before the connection is published, so
    /// state that a fresh subscription resets (the market's books) is reset here.
    /// </summary>
    string SubscribeMessage();

    /// <summary>The subscription is sent (<paramref name="connects"/> counts this connect): log it, catch up after a reconnect.</summary>
    Task OnConnectedAsync(int connects, CancellationToken stopping);

    /// <summary>One whole frame other than an empty one or "PONG"; the bytes are valid only until this returns.</summary>
    Task OnFrameAsync(PolymarketSocketConnection connection, ReadOnlyMemory<byte> frame, CancellationToken stopping);

    /// <summary>The connection is gone (not by stopping); the next attempt follows after <paramref name="wait"/>.</summary>
    void OnLost(string reason, TimeSpan wait);

    /// <summary>Asked on every keepalive tick after the PONG check: true drops the connection so it reconnects.</summary>
    bool NeedsReconnect() => false;

    /// <summary>After each keepalive PING was sent.</summary>
    Task OnPingSentAsync(PolymarketSocketConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;
}
