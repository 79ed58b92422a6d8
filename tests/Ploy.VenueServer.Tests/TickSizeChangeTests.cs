using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated;

namespace Ploy.VenueServer.Tests;

/// <summary>
/// A market whose price reaches the extremes changes tick size on the wire the venue's way: a <c>tick_size_change</c>
/// on the market channel, then a fresh <c>book</c> on the new grid; <c>/tick-size</c> answers the new tick and orders
/// off it are refused with the venue's error. A steep reference walk in short rounds reaches the extremes within the
/// simulated hours this test steps through (deterministic: seeded, stepped by hand).
/// </summary>
public sealed class TickSizeChangeTests
{
    private static readonly VenueServerOptions Options = new()
    {
        Simulation = new SimulationOptions { TraderStartingCash = 0m, Seed = 11, AnnualizedVolatility = 6, RoundLength = TimeSpan.FromMinutes(5) },
    };

    [Fact]
    public async Task TickSizeChange_IsBroadcastThenAFreshBook_EndpointAnswersTheNewTick_AndOffGridOrdersAreRefused()
    {
        await using var venue = await VenueTestHost.StartAsync(Options);
        await venue.CreateKeyAsync();
        using var socket = await venue.ConnectAsync("/ws/market");
        var messages = new ConcurrentQueue<JsonElement>();
        using var stop = new CancellationTokenSource();
        var reader = ReadAllAsync(socket, messages, stop.Token);
        var subscribed = new HashSet<ConditionId>();
        await SubscribeNewMarketsAsync(venue, socket, subscribed, messages);

        // Up to the fine grid: the change, then a fresh book, both for the market's tokens.
        var fine = await StepUntilAsync(venue, socket, subscribed, messages, m => m.Tick == TickSize.Thousandth);
        var (yes, no) = (VenueCore.PublicTokenId(fine.Yes), VenueCore.PublicTokenId(fine.No));
        var change = await WaitForAsync(messages, m => Is(m, "tick_size_change") && Asset(m) == yes);
        Assert.Equal((fine.Condition.Value, "0.01", "0.001"), (change.GetProperty("market").GetString(), change.GetProperty("old_tick_size").GetString(),
            change.GetProperty("new_tick_size").GetString()));
        Assert.True(long.TryParse(change.GetProperty("timestamp").GetString(), CultureInfo.InvariantCulture, out _));
        await WaitForAsync(messages, m => Is(m, "tick_size_change") && Asset(m) == no);
        var book = await WaitForAsync(messages, m => Is(m, "book") && Asset(m) == yes && m.GetProperty("tick_size").GetString() != "0.01");
        Assert.Equal("0.001", book.GetProperty("tick_size").GetString());
        var all = messages.ToList();
        Assert.True(all.FindIndex(m => Is(m, "tick_size_change") && Asset(m) == yes) < all.FindIndex(m => Is(m, "book") && Asset(m) == yes && m.GetProperty("tick_size").GetString() == "0.001"));
        Assert.Equal("{\"minimum_tick_size\":0.001}", await venue.Http.GetStringAsync($"/tick-size?token_id={yes}"));

        // A price only the fine grid has is accepted now (it rests well under the touch of the favourite).
        var (favourite, bid) = await FavouriteAsync(venue, yes, no);
        var finePrice = decimal.Round(bid - 0.1m, 2) + 0.005m;
        using (var accepted = (await venue.SendL2Async(HttpMethod.Post, "/order", venue.LimitOrder(favourite, Side.Buy, finePrice, 10m, tick: TickSize.Thousandth).Body)).Response)
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        // Back on the coarse grid (this market or a later one): the same kind of price is refused with the venue's text.
        var coarse = await StepUntilAsync(venue, socket, subscribed, messages, m => m.Tick == TickSize.Hundredth && WentFine(messages, m));
        var coarseYes = VenueCore.PublicTokenId(coarse.Yes);
        var back = await WaitForAsync(messages, m => Is(m, "tick_size_change") && Asset(m) == coarseYes && m.GetProperty("new_tick_size").GetString() == "0.01");
        Assert.Equal("0.001", back.GetProperty("old_tick_size").GetString());
        Assert.Equal("{\"minimum_tick_size\":0.01}", await venue.Http.GetStringAsync($"/tick-size?token_id={coarseYes}"));
        var (coarseFavourite, coarseBid) = await FavouriteAsync(venue, coarseYes, VenueCore.PublicTokenId(coarse.No));
        var offGrid = decimal.Round(coarseBid - 0.1m, 2) + 0.005m;
        var (refused, json) = await venue.SendL2Async(HttpMethod.Post, "/order", venue.LimitOrder(coarseFavourite, Side.Buy, offGrid, 10m, tick: TickSize.Thousandth).Body);
        using (refused)
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.StartsWith("INVALID_ORDER_MIN_TICK_SIZE", json.GetProperty("errorMsg").GetString(), StringComparison.Ordinal);
        }

        await stop.CancelAsync();
        await reader;
    }

    private static bool WentFine(ConcurrentQueue<JsonElement> messages, BinaryMarket market)
    {
        var yes = VenueCore.PublicTokenId(market.Yes);
        return messages.Any(m => Is(m, "tick_size_change") && Asset(m) == yes && m.GetProperty("new_tick_size").GetString() == "0.001");
    }

    /// <summary>The token whose best bid is the higher (the likely winner) and that bid.</summary>
    private static async Task<(string Token, decimal Bid)> FavouriteAsync(VenueTestHost venue, string yes, string no)
    {
        var best = (Token: yes, Bid: -1m);
        foreach (var token in new[] { yes, no })
        {
            using var response = await venue.Http.GetAsync($"/book?token_id={token}");
            var bid = VenueTestHost.BestBid(await VenueTestHost.ReadJsonAsync(response));
            if (bid > best.Bid)
            {
                best = (token, bid);
            }
        }

        return best;
    }

    /// <summary>Steps the simulation a second at a time (subscribing each new market) until an active market matches.</summary>
    private static async Task<BinaryMarket> StepUntilAsync(VenueTestHost venue, ClientWebSocket socket, HashSet<ConditionId> subscribed, ConcurrentQueue<JsonElement> messages,
        Func<BinaryMarket, bool> done)
    {
        var step = Options.Simulation.Step;
        for (var i = 0; i < 4 * 3600; i++)
        {
            venue.Clock.Advance(step);
            venue.Host.Pump();
            await SubscribeNewMarketsAsync(venue, socket, subscribed, messages);
            if (venue.Host.Exchange.ActiveMarkets.FirstOrDefault(done) is { } market)
            {
                return market;
            }
        }

        Assert.Fail("no market reached the wanted tick within four simulated hours");
        return null!;
    }

    /// <summary>Subscribes each market not yet subscribed and waits for its snapshot, so no later message of it is missed.</summary>
    private static async Task SubscribeNewMarketsAsync(VenueTestHost venue, ClientWebSocket socket, HashSet<ConditionId> subscribed, ConcurrentQueue<JsonElement> messages)
    {
        foreach (var market in venue.Host.Exchange.ActiveMarkets)
        {
            if (subscribed.Add(market.Condition))
            {
                var yes = VenueCore.PublicTokenId(market.Yes);
                var assets = $"[\"{yes}\",\"{VenueCore.PublicTokenId(market.No)}\"]";
                await VenueTestHost.SendAsync(socket, subscribed.Count == 1
                    ? $"{{\"assets_ids\":{assets},\"type\":\"market\"}}"
                    : $"{{\"operation\":\"subscribe\",\"assets_ids\":{assets}}}");
                await WaitForAsync(messages, m => Is(m, "book") && Asset(m) == yes);
            }
        }
    }

    private static async Task<JsonElement> WaitForAsync(ConcurrentQueue<JsonElement> messages, Func<JsonElement, bool> match)
    {
        for (var i = 0; i < 500; i++)
        {
            if (messages.FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the expected market-channel message did not arrive; got " + string.Join(", ", messages.GroupBy(m => m.TryGetProperty("event_type", out var t) ? t.GetString() : "?").Select(g => $"{g.Key}×{g.Count()}")));
        return default;
    }

    private static async Task ReadAllAsync(ClientWebSocket socket, ConcurrentQueue<JsonElement> messages, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType != WebSocketMessageType.Text || buffer.AsSpan(0, count).SequenceEqual("PONG"u8))
                {
                    continue;
                }

                using var document = JsonDocument.Parse(buffer.AsMemory(0, count));
                var root = document.RootElement;
                foreach (var message in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root])
                {
                    messages.Enqueue(message.Clone());
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Test over.
        }
    }

    private static bool Is(JsonElement message, string type) =>
        message.TryGetProperty("event_type", out var t) && t.GetString() == type;

    private static string? Asset(JsonElement message) =>
        message.TryGetProperty("asset_id", out var a) ? a.GetString() : null;
}
