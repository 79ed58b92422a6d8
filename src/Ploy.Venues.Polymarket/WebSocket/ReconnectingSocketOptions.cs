namespace Ploy.Venues.Polymarket.WebSocket;

/// <summary>Where a <see cref="ReconnectingSocket"/> connects and how it keeps and restores the connection.</summary>
/// <param name="Address">The socket URL.</param>
/// <param name="ConnectTimeout">One connect attempt may take this long.</param>
/// <param name="PingInterval">Text "PING" this often.</param>
/// <param name="PongTimeout">No frame (PONG included) for this long: the connection is dead.</param>
/// <param name="ReconnectMinDelay">First reconnect wait; see <see cref="ReconnectBackoff"/>.</param>
/// <param name="ReconnectMaxDelay">Longest reconnect wait.</param>
internal sealed record ReconnectingSocketOptions(
    Uri Address, TimeSpan ConnectTimeout, TimeSpan PingInterval, TimeSpan PongTimeout, TimeSpan ReconnectMinDelay, TimeSpan ReconnectMaxDelay)
{
    /// <summary>The loss reason logged when the peer closed the connection itself (no error).</summary>
    public string ClosedByPeer { get; init; } = "closed by the venue";
}
