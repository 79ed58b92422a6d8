using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Ploy.VenueServer;

/// <summary>
/// The market and user channels (protocol reference §7). Market: the first message subscribes
/// (<c>{"assets_ids":[…],"type":"market"}</c>) and gets a <c>book</c> per asset, then <c>price_change</c> and
/// <c>last_trade_price</c>; later <c>{"operation":"subscribe"|"unsubscribe","assets_ids":[…]}</c> change the set.
/// User: the first message carries <c>auth</c> and gets <c>order</c> and <c>trade</c> events of that key. Text "PING"
/// is answered with "PONG".
/// </summary>
internal static class WebSocketEndpoints
{
    private static readonly byte[] Pong = "PONG"u8.ToArray();

    public static void Map(IEndpointRouteBuilder app, VenueCore core, ILogger logger)
    {
        app.Map("/ws/market", context => RunAsync(context, core, logger, "market"));
        app.Map("/ws/user", context => RunAsync(context, core, logger, "user"));
    }

    private static async Task RunAsync(HttpContext context, VenueCore core, ILogger logger, string channel)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "WebSocket upgrade required");
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var subscriber = new WsSubscriber();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var writer = WriteLoopAsync(socket, subscriber, stop.Token);
        var reason = "closed by client";
        try
        {
            var buffer = new byte[64 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                var (type, message) = await ReceiveAsync(socket, buffer, stop.Token);
                if (type == WebSocketMessageType.Close || message is null)
                {
                    break;
                }

                var text = Encoding.UTF8.GetString(message);
                if (text == "PING")
                {
                    subscriber.Send(Pong);
                    continue;
                }

                if (!Handle(core, subscriber, channel, message))
                {
                    reason = "bad subscription";
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            reason = ex.GetType().Name;
        }
        finally
        {
            core.UnsubscribeMarket(subscriber, null);
            core.UnsubscribeUser(subscriber);
            subscriber.Complete();
            await stop.CancelAsync();
            await writer;
            Log.WebSocketClosed(logger, channel, reason);
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

    private static bool Handle(VenueCore core, WsSubscriber subscriber, string channel, byte[] message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var assets = Strings(root, "assets_ids");
            var markets = Strings(root, "markets");
            var operation = root.TryGetProperty("operation", out var op) ? op.GetString() : "subscribe";
            if (channel == "market")
            {
                if (operation == "unsubscribe")
                {
                    core.UnsubscribeMarket(subscriber, assets);
                    return true;
                }

                foreach (var snapshot in core.SubscribeMarket(subscriber, assets))
                {
                    subscriber.Send(snapshot);
                }

                return true;
            }

            if (subscriber.ApiKey is null)
            {
                if (!root.TryGetProperty("auth", out var auth) || auth.ValueKind != JsonValueKind.Object
                    || core.FindKey(auth.TryGetProperty("apiKey", out var k) ? k.GetString() ?? string.Empty : string.Empty) is not { } key
                    || !auth.TryGetProperty("secret", out var secret) || secret.GetString() != key.Secret
                    || !auth.TryGetProperty("passphrase", out var passphrase) || passphrase.GetString() != key.Passphrase)
                {
                    return false;
                }

                subscriber.ApiKey = key.Key;
            }

            if (operation == "unsubscribe")
            {
                subscriber.Markets.ExceptWith(markets);
            }
            else
            {
                subscriber.Markets.UnionWith(markets);
            }

            core.SubscribeUser(subscriber);
            return true;
        }
    }

    private static List<string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    private static async Task<(WebSocketMessageType Type, byte[]? Message)> ReceiveAsync(WebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, null);
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > 1024 * 1024)
            {
                return (WebSocketMessageType.Close, null);
            }

            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    private static async Task WriteLoopAsync(WebSocket socket, WsSubscriber subscriber, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in subscriber.Reader.ReadAllAsync(cancellationToken))
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }

            if (subscriber.Overflowed && socket.State == WebSocketState.Open)
            {
                await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "slow consumer", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The connection ended; the read loop cleans up.
        }
    }
}
