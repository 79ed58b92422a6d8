using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Ploy.VenueServer;

/// <summary>
/// An RTDS-shaped socket at <c>/ws/live-data</c> (Polymarket's <c>wss://ws-live-data.polymarket.com</c>): subscribe with
/// <c>{"action":"subscribe","subscriptions":[{"topic":"crypto_prices","type":"update","filters":"btcusdt"}]}</c> and
/// receive the simulator's reference price as <c>{"topic":"crypto_prices","type":"update","timestamp":ms,
/// "payload":{"symbol":"btcusdt","timestamp":ms,"value":…,"full_accuracy_value":"…"}}</c> whenever it moves (and once on
/// subscribing). Topic <c>crypto_prices_chainlink</c> names the symbol "btc/usd". Text "PING" is answered "PONG".
/// </summary>
internal static class RtdsEndpoints
{
    private static readonly byte[] Pong = "PONG"u8.ToArray();

    public static void Map(IEndpointRouteBuilder app, VenueCore core, ILogger logger) =>
        app.Map("/ws/live-data", context => RunAsync(context, core, logger));

    private static async Task RunAsync(HttpContext context, VenueCore core, ILogger logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "WebSocket upgrade required");
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var subscriber = new WsSubscriber();
        var topics = new RtdsTopics();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var writer = WriteLoopAsync(socket, subscriber, stop.Token);
        var publisher = PublishLoopAsync(core, subscriber, topics, stop.Token);
        var reason = "closed by client";
        try
        {
            var buffer = new byte[16 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                var message = await ReceiveAsync(socket, buffer, stop.Token);
                if (message is null)
                {
                    break;
                }

                if (message.AsSpan().SequenceEqual("PING"u8))
                {
                    subscriber.Send(Pong);
                    continue;
                }

                // Like RTDS, a message it does not understand is ignored rather than ending the connection.
                topics.Apply(message);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            reason = ex.GetType().Name;
        }
        finally
        {
            subscriber.Complete();
            await stop.CancelAsync();
            await writer;
            await publisher;
            Log.WebSocketClosed(logger, "rtds", reason);
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, reason, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // The peer is gone: nothing left to close.
            }
        }
    }

    /// <summary>Sends the reference price to the connection's subscriptions when it moves, and at least once a second (as a live feed would).</summary>
    private static async Task PublishLoopAsync(VenueCore core, WsSubscriber subscriber, RtdsTopics topics, CancellationToken cancellationToken)
    {
        var symbol = core.Options.Simulation.ReferenceSymbol.ToLowerInvariant();
        using var timer = new PeriodicTimer(core.Options.PumpInterval);
        var sent = new Dictionary<string, (decimal Price, DateTimeOffset Wall)>();
        try
        {
            do
            {
                var (price, at) = core.ReferencePrice();
                var wall = core.Wall.GetUtcNow();
                foreach (var topic in topics.Matching(symbol))
                {
                    if (sent.TryGetValue(topic, out var last) && last.Price == price && wall - last.Wall < TimeSpan.FromSeconds(1))
                    {
                        continue;
                    }

                    sent[topic] = (price, wall);
                    subscriber.Send(Message(topic, RtdsTopics.SymbolFor(topic, symbol), price, at.ToUnixTimeMilliseconds(), wall.ToUnixTimeMilliseconds()));
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
    }

    private static byte[] Message(string topic, string symbol, decimal price, long at, long sentAt) => Json.Object(w =>
    {
        w.WriteString("topic", topic);
        w.WriteString("type", "update");
        w.WriteNumber("timestamp", sentAt);
        w.WriteStartObject("payload");
        w.WriteString("symbol", symbol);
        w.WriteNumber("timestamp", at);
        w.WriteNumber("value", price);
        w.WriteString("full_accuracy_value", price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndObject();
    });

    private static async Task WriteLoopAsync(WebSocket socket, WsSubscriber subscriber, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in subscriber.Reader.ReadAllAsync(cancellationToken))
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended.
        }
    }

    private static async Task<byte[]?> ReceiveAsync(WebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > 64 * 1024)
            {
                return null;
            }

            if (result.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }

    /// <summary>One connection's subscriptions: topic → symbol filter (null = every symbol).</summary>
    private sealed class RtdsTopics
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, HashSet<string>?> _topics = new(StringComparer.Ordinal);

        public static string SymbolFor(string topic, string asset) => topic == "crypto_prices_chainlink" ? asset + "/usd" : asset + "usdt";

        public IReadOnlyList<string> Matching(string asset)
        {
            lock (_lock)
            {
                return [.. _topics.Where(t => t.Value is null || t.Value.Contains(SymbolFor(t.Key, asset))).Select(t => t.Key)];
            }
        }

        public void Apply(byte[] message)
        {
            try
            {
                using var document = JsonDocument.Parse(message);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("subscriptions", out var subscriptions)
                    || subscriptions.ValueKind != JsonValueKind.Array)
                {
                    return;
                }

                var action = root.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                foreach (var subscription in subscriptions.EnumerateArray())
                {
                    if (subscription.ValueKind != JsonValueKind.Object || !subscription.TryGetProperty("topic", out var t) || t.ValueKind != JsonValueKind.String
                        || t.GetString() is not ("crypto_prices" or "crypto_prices_chainlink") || t.GetString() is not { } topic)
                    {
                        continue;
                    }

                    lock (_lock)
                    {
                        if (action == "unsubscribe")
                        {
                            _topics.Remove(topic);
                        }
                        else if (action == "subscribe")
                        {
                            _topics[topic] = Filter(subscription);
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON: ignored.
            }
        }

        /// <summary>crypto_prices filters are "btcusdt,ethusdt"; crypto_prices_chainlink's are JSON <c>{"symbol":"btc/usd"}</c>.</summary>
        private static HashSet<string>? Filter(JsonElement subscription)
        {
            if (!subscription.TryGetProperty("filters", out var filters) || filters.ValueKind != JsonValueKind.String || filters.GetString() is not { Length: > 0 } text)
            {
                return null;
            }

            if (text.TrimStart().StartsWith('{'))
            {
                using var inner = JsonDocument.Parse(text);
                return inner.RootElement.ValueKind == JsonValueKind.Object && inner.RootElement.TryGetProperty("symbol", out var s) && s.ValueKind == JsonValueKind.String
                    ? [s.GetString()!.ToLowerInvariant()]
                    : null;
            }

            return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToLowerInvariant())];
        }
    }
}
