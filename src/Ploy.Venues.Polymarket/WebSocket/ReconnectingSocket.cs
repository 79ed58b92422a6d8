using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Ploy.Venues.Polymarket.Http;

namespace Ploy.Venues.Polymarket.WebSocket;

/// <summary>
/// The life of one venue socket, shared by the market shards, the user channel and RTDS: connect, send the handler's
/// subscription, read whole frames while a keepalive sends text PING and drops a peer that went silent, and on a loss
/// back off (<see cref="ReconnectBackoff"/>) and do it all again, until the stop token fires. What differs per stream is
/// the <see cref="IReconnectingSocketHandler"/>.
/// </summary>
internal sealed class ReconnectingSocket
{
    private readonly ReconnectingSocketOptions _options;
    private readonly IReconnectingSocketHandler _handler;
    private readonly string _channel;
    private readonly int _shard;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private PolymarketSocketConnection? _connection;
    private Task _loop = Task.CompletedTask;
    private long _lastActivity;

    /// <param name="options">Address, keepalive and backoff.</param>
    /// <param name="handler">The stream's part: subscription, frames, connect and loss.</param>
    /// <param name="channel">The channel name in logs ("market", "user", "rtds").</param>
    /// <param name="shard">The connection's index within its channel, in logs.</param>
    /// <param name="time">Clock for keepalive and backoff waits.</param>
    /// <param name="logger">Where the PONG timeout is logged.</param>
    public ReconnectingSocket(ReconnectingSocketOptions options, IReconnectingSocketHandler handler, string channel, int shard, TimeProvider time, ILogger logger)
    {
        _options = options;
        _handler = handler;
        _channel = channel;
        _shard = shard;
        _time = time;
        _logger = logger;
    }

    /// <summary>Connections opened so far.</summary>
    public int Connects { get; private set; }

    public bool IsConnected => _connection is { State: WebSocketState.Open };

    /// <summary>The live connection (from just before the subscription is sent), or null between connections.</summary>
    public PolymarketSocketConnection? Connection => _connection;

    /// <summary>Starts the loop; it runs until <paramref name="stopping"/> fires.</summary>
    public void Start(CancellationToken stopping) => _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);

    /// <summary>Drops the connection as a network failure would: the loop reconnects.</summary>
    public void Drop() => _connection?.Abort();

    /// <summary>After the stop token fired: drops the connection and waits for the loop to end.</summary>
    public async Task StopAsync()
    {
        _connection?.Abort();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        while (!stopping.IsCancellationRequested)
        {
            var reason = _options.ClosedByPeer;
            var connection = new PolymarketSocketConnection();
            try
            {
                await connection.ConnectAsync(_options.Address, _options.ConnectTimeout, stopping);
                var subscribe = _handler.SubscribeMessage();
                Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
                // Published before the subscription goes out: a (un)subscribe the owner sends meanwhile lands on this
                // connection instead of being lost between the snapshot of the subscription and the connection going live.
                _connection = connection;
                Connects++;
                await connection.SendTextAsync(subscribe, stopping);
                backoff.Reset();
                await _handler.OnConnectedAsync(Connects, stopping);
                using var keepalive = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var pinger = KeepAliveAsync(connection, keepalive.Token);
                try
                {
                    await ReceiveAsync(connection, stopping);
                }
                finally
                {
                    await keepalive.CancelAsync();
                    await pinger.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or InvalidOperationException or ObjectDisposedException)
            {
                reason = ex.GetType().Name + ": " + ex.Message;
            }
            finally
            {
                _connection = null;
                await connection.CloseAsync();
                connection.Dispose();
            }

            if (stopping.IsCancellationRequested)
            {
                break;
            }

            var wait = backoff.Next();
            _handler.OnLost(reason, wait);
            try
            {
                await Task.Delay(wait, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ReceiveAsync(PolymarketSocketConnection connection, CancellationToken stopping)
    {
        while (true)
        {
            var frame = await connection.ReceiveAsync(stopping);
            if (frame is not { } bytes)
            {
                return;
            }

            Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
            if (bytes.IsEmpty || bytes.Span.SequenceEqual("PONG"u8))
            {
                continue;
            }

            await _handler.OnFrameAsync(connection, bytes, stopping);
        }
    }

    private async Task KeepAliveAsync(PolymarketSocketConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_options.PingInterval, _time, cancellationToken);
                var silent = _time.GetElapsedTime(Interlocked.Read(ref _lastActivity));
                if (silent > _options.PongTimeout)
                {
                    Log.PongTimeout(_logger, _channel, _shard, silent.TotalSeconds);
                    connection.Abort();
                    return;
                }

                if (_handler.NeedsReconnect())
                {
                    connection.Abort();
                    return;
                }

                await connection.SendTextAsync("PING", cancellationToken);
                await _handler.OnPingSentAsync(connection, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The receive loop notices the end of the connection.
        }
    }
}
