using Ploy.Core.MarketData;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Polymarket.Adapter;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Signing;
using Ploy.Venues.Polymarket.WebSocket;
using Ploy.VenueServer;

namespace Ploy.Venues.Polymarket.Tests.Adapter;

/// <summary>The adapter against `ploy venue` (in process on 127.0.0.1:0) over HTTP and WebSocket.</summary>
public sealed class PolymarketVenueIntegrationTests : IAsyncLifetime
{
    /// <summary>Hardhat/Anvil account 0: a public test key, for the simulated venue only.</summary>
    private const string HardhatKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private VenueHost _host = null!;
    private PolymarketClobClient _client = null!;
    private PolymarketSigner _signer = null!;
    private PolymarketVenue _venue = null!;
    private readonly PolymarketMarketCatalog _catalog = new();

    public async Task InitializeAsync()
    {
        _host = VenueHost.Create(new VenueServerOptions { Port = 0, AutoAdvance = false, AdminToken = "admin" }, TimeProvider.System);
        await _host.StartAsync(CancellationToken.None);
        _host.Pump();
        _client = new PolymarketClobClient(new HttpClient(), new PolymarketClobClientOptions { BaseAddress = _host.BaseAddress }, TimeProvider.System);
        _signer = new PolymarketSigner(PolymarketPrivateKey.Parse(HardhatKey0));
        _venue = new PolymarketVenue(_client, _signer, _catalog, new PolymarketVenueOptions { HeartbeatInterval = null },
            Streams(), TimeProvider.System);
        var started = await _venue.StartAsync(CancellationToken.None);
        Assert.True(started.IsSuccess, started.Error?.ToString());
    }

    public async Task DisposeAsync()
    {
        await _venue.DisposeAsync();
        _client.Dispose();
        _signer.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task PostOpenCancel_ThroughTheAdapter()
    {
        Assert.NotEmpty(_catalog.OpenMarkets);
        var market = _catalog.OpenMarkets[0];
        var intent = new OrderIntent(new StrategyId("it"), market.Condition, market.Yes, Side.Buy, Price.Of(market.Tick.MinPrice), Size.Of(10m));

        var prepared = _venue.Prepare(new ClientOrderId("c-1"), intent, TimeProvider.System.GetUtcNow());
        var submit = await _venue.SubmitAsync(prepared, CancellationToken.None);

        Assert.Equal(SubmitOutcome.Accepted, submit.Outcome);
        Assert.Equal(prepared.VenueId, submit.State!.Id);
        Assert.Equal(VenueOrderStatus.Live, submit.State.Status);
        Assert.Matches("^0x[0-9a-f]{64}$", prepared.VenueId.Value);
        var open = await _venue.GetOpenOrdersAsync(CancellationToken.None);
        Assert.Contains(open.Value!, o => o.Id == prepared.VenueId && o.Status == VenueOrderStatus.Live && o.OriginalSize == Size.Of(10m));
        Assert.Equal(VenueOrderStatus.Live, (await _venue.GetOrderAsync(prepared.VenueId, CancellationToken.None)).Value!.Status);

        var cancelled = await _venue.CancelAsync(prepared.VenueId, CancellationToken.None);

        Assert.True(cancelled.Value);
        Assert.DoesNotContain((await _venue.GetOpenOrdersAsync(CancellationToken.None)).Value!, o => o.Id == prepared.VenueId);
        var after = await _venue.GetOrderAsync(prepared.VenueId, CancellationToken.None);
        Assert.True(after.IsSuccess);
        Assert.NotEqual(VenueOrderStatus.Live, after.Value?.Status);
        var balances = await _venue.GetBalancesAsync(CancellationToken.None);
        Assert.Equal(10_000m, balances.Value!.Cash);
        Assert.Empty(balances.Value.Tokens);
    }

    [Fact]
    public async Task RestartWindow_425_IsRejectedAsVenueUnavailable_AndNothingRests()
    {
        var market = _catalog.OpenMarkets[0];
        var intent = new OrderIntent(new StrategyId("it"), market.Condition, market.Yes, Side.Buy, Price.Of(market.Tick.MinPrice), Size.Of(10m));
        _host.Mode = VenueMode.Restart;

        var submit = await _venue.SubmitAsync(_venue.Prepare(new ClientOrderId("c-2"), intent, TimeProvider.System.GetUtcNow()), CancellationToken.None);

        Assert.Equal(SubmitOutcome.Rejected, submit.Outcome);
        Assert.Equal(VenueErrorKind.VenueUnavailable, submit.Error!.Kind);
        _host.Mode = VenueMode.Normal;
        Assert.Empty((await _venue.GetOpenOrdersAsync(CancellationToken.None)).Value!);
    }

    [Fact]
    public async Task UnknownTickOrTinyOrder_IsRejectedByTheVenue_NotUnknown()
    {
        var market = _catalog.OpenMarkets[0];
        var intent = new OrderIntent(new StrategyId("it"), market.Condition, market.Yes, Side.Buy, Price.Of(market.Tick.MinPrice), Size.Of(0.01m));

        var submit = await _venue.SubmitAsync(_venue.Prepare(new ClientOrderId("c-3"), intent, TimeProvider.System.GetUtcNow()), CancellationToken.None);

        Assert.Equal(SubmitOutcome.Rejected, submit.Outcome);
        Assert.Equal(VenueErrorKind.Rejected, submit.Error!.Kind);
    }

    [Fact]
    public void Prepare_PriceOffTheCurrentTick_IsRefused_NeverRounded()
    {
        // A price the engine chose on a finer grid than the catalog now holds (the tick went back from 0.001 to 0.01
        // between the risk check and the signature): signing it rounded would trade a price nobody asked for.
        var market = _catalog.OpenMarkets[0];
        var offGrid = Price.Of(market.Tick.MinPrice + market.Tick.Value / 2m);
        var intent = new OrderIntent(new StrategyId("it"), market.Condition, market.Yes, Side.Buy, offGrid, Size.Of(10m));

        var refused = Assert.Throws<OrderNotPreparedException>(() => _venue.Prepare(new ClientOrderId("c-4"), intent, TimeProvider.System.GetUtcNow()));

        Assert.Contains("off the market's current tick", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_ListsMarkets_ThenStreamsTheirBooks()
    {
        await using var feed = new PolymarketMarketDataFeed(_client, new PolymarketMarketStream(Streams(), TimeProvider.System), _catalog,
            new PolymarketVenueOptions { HeartbeatInterval = null, MarketPollInterval = TimeSpan.FromMinutes(10) }, TimeProvider.System);

        await feed.StartAsync(CancellationToken.None);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var listed = new HashSet<TokenId>();
        BookSnapshotEvent? snapshot = null;
        while (snapshot is null)
        {
            switch (await feed.Events.ReadAsync(deadline.Token))
            {
                case MarketListedEvent l:
                    listed.Add(l.Market.Yes);
                    listed.Add(l.Market.No);
                    break;
                case BookSnapshotEvent b:
                    snapshot = b;
                    break;
                default:
                    break;
            }
        }

        Assert.Contains(snapshot.Token, listed);
        Assert.NotNull(snapshot.Hash);
    }

    private PolymarketStreamOptions Streams() => new()
    {
        BaseAddress = PolymarketStreamOptions.SocketBase(_host.BaseAddress),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
    };
}
