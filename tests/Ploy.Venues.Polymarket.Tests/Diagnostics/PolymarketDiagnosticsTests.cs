using System.Collections.Concurrent;
using Ploy.Core.MarketData;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Adapter;
using Ploy.Venues.Polymarket.Diagnostics;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Signing;
using Ploy.Venues.Polymarket.Tests.Http;
using Ploy.Venues.Polymarket.WebSocket;
using Ploy.VenueServer;
using static Ploy.Venues.Polymarket.Tests.WebSocket.PolymarketMarketStreamTests;

namespace Ploy.Venues.Polymarket.Tests.Diagnostics;

/// <summary>Not run beside other tests: the adapter's meter is process-wide, so only here can a count be exact.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DiagnosticsCollection
{
    public const string Name = "Polymarket diagnostics";
}

/// <summary>
/// The adapter's health signals (exported by <c>ploy run</c> as ploy_ws_reconnects_total, ploy_ws_gaps_total,
/// ploy_heartbeat_failures_total) count what really happened on the wire — and nothing when nothing happened.
/// </summary>
[Collection(DiagnosticsCollection.Name)]
public sealed class PolymarketDiagnosticsTests
{
    /// <summary>Hardhat/Anvil account 0: a public test key, for the simulated venue only.</summary>
    private const string HardhatKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    [Fact]
    public async Task LostMarketConnection_CountsOneReconnect_NoGap()
    {
        var connections = 0;
        await using var server = await FakeClobServer.StartAsync(async (context, _) =>
        {
            var index = Interlocked.Increment(ref connections);
            await ServeAsync(context, new ConcurrentQueue<string>(), async (socket, message, close) =>
            {
                if (message.Contains("\"type\":\"market\"", StringComparison.Ordinal))
                {
                    await SendAsync(socket, BookEvent(Bids));
                    if (index == 1)
                    {
                        close();
                    }
                }
            });
        });
        using var signals = new PolymarketDiagnosticsListener();
        await using var stream = new PolymarketMarketStream(Options(server.BaseAddress), TimeProvider.System);

        await stream.SubscribeAsync([new TokenId(Asset)], CancellationToken.None);
        var events = await ReadAsync(stream, 3); // snapshot, untrusted (connection lost), fresh snapshot

        Assert.IsType<BookSnapshotEvent>(events[2]);
        Assert.Equal(1, signals.Totals.WebSocketReconnects);
        Assert.Equal(0, signals.Totals.WebSocketGaps);
    }

    [Fact]
    public async Task DeltaWithBadHash_CountsOneGap_NoReconnect()
    {
        await using var server = await FakeClobServer.StartAsync(async (context, _) => await ServeAsync(context, new ConcurrentQueue<string>(), async (socket, message, _) =>
        {
            if (message.Contains("\"type\":\"market\"", StringComparison.Ordinal))
            {
                await SendAsync(socket, BookEvent(Bids));
                await SendAsync(socket, PriceChange("0.49", "25", "BUY", "0000000000000000000000000000000000000000"));
            }
            else if (message.Contains("\"operation\":\"subscribe\"", StringComparison.Ordinal))
            {
                await SendAsync(socket, BookEvent(Bids));
            }
        }));
        using var signals = new PolymarketDiagnosticsListener();
        await using var stream = new PolymarketMarketStream(Options(server.BaseAddress), TimeProvider.System);

        await stream.SubscribeAsync([new TokenId(Asset)], CancellationToken.None);
        var events = await ReadAsync(stream, 4); // snapshot, change, untrusted (mismatch), fresh snapshot

        Assert.IsType<BookUntrustedEvent>(events[2]);
        Assert.Equal(1, signals.Totals.WebSocketGaps);
        Assert.Equal(0, signals.Totals.WebSocketReconnects);
    }

    [Fact]
    public async Task Heartbeats_CountedAsFailedOnlyOnceTheVenueStopsAnswering()
    {
        var host = VenueHost.Create(new VenueServerOptions { Port = 0, AutoAdvance = false }, TimeProvider.System);
        await host.StartAsync(CancellationToken.None);
        using var client = new PolymarketClobClient(new HttpClient(), new PolymarketClobClientOptions { BaseAddress = host.BaseAddress }, TimeProvider.System);
        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(HardhatKey0));
        using var signals = new PolymarketDiagnosticsListener();
        await using var venue = new PolymarketVenue(client, signer, new PolymarketMarketCatalog(),
            new PolymarketVenueOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(50) }, Options(host.BaseAddress), TimeProvider.System);
        Assert.True((await venue.StartAsync(CancellationToken.None)).IsSuccess);

        await Task.Delay(TimeSpan.FromMilliseconds(500)); // several beats, all accepted
        Assert.Equal(0, signals.Totals.HeartbeatFailures);

        await host.DisposeAsync(); // the venue goes away: every beat now fails
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (signals.Totals.HeartbeatFailures == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }

        Assert.True(signals.Totals.HeartbeatFailures >= 1);
    }
}
