using Ploy.Core.MarketData;
using Ploy.Venues.Polymarket.Rtds;

namespace Ploy.VenueServer.Tests;

/// <summary>`ploy venue`'s RTDS-shaped socket, read with the adapter's RTDS stream over loopback WebSocket.</summary>
public sealed class RtdsEndpointsTests
{
    [Fact]
    public async Task Stream_SubscribedToBtc_ReceivesTheVenueReferencePriceAndResubscribesAfterADrop()
    {
        await using var venue = await VenueTestHost.StartAsync();
        var options = new PolymarketRtdsOptions
        {
            Address = PolymarketRtdsOptions.VenueAddress(venue.Host.BaseAddress),
            Symbols = [PolymarketRtdsParser.ToRtdsSymbol("BTC")],
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
        };
        await using var stream = new PolymarketRtdsStream(options, TimeProvider.System);
        stream.Start();

        var first = await NextAsync(stream);
        stream.DropConnection();
        var afterDrop = await NextAsync(stream);

        Assert.Equal("BTC", first.Symbol);
        Assert.Equal(venue.Host.Exchange.ReferencePrice, first.Price);
        Assert.Equal(venue.Host.Exchange.ReferencePrice, afterDrop.Price);
        Assert.True(stream.Connects >= 2, "the stream did not reconnect");
    }

    [Fact]
    public async Task Stream_FilteredToAnotherSymbol_GetsNothingForBtcButChainlinkTopicIsServed()
    {
        await using var venue = await VenueTestHost.StartAsync();
        var address = PolymarketRtdsOptions.VenueAddress(venue.Host.BaseAddress);
        await using var chainlink = new PolymarketRtdsStream(
            new PolymarketRtdsOptions { Address = address, Topic = PolymarketRtdsParser.CryptoPricesChainlink }, TimeProvider.System);
        await using var eth = new PolymarketRtdsStream(new PolymarketRtdsOptions { Address = address, Symbols = ["ethusdt"] }, TimeProvider.System);
        eth.Start();
        Assert.True(SpinWait.SpinUntil(() => eth.IsConnected, TimeSpan.FromSeconds(10)), "the ETH stream did not connect");
        chainlink.Start();

        var price = await NextAsync(chainlink);

        // The chainlink subscriber (connected after it) got its first price; the ETH-only one got none.
        Assert.Equal("BTC", price.Symbol);
        Assert.False(eth.Events.TryRead(out _));
    }

    private static async Task<ReferencePriceEvent> NextAsync(PolymarketRtdsStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await stream.Events.ReadAsync(timeout.Token);
    }
}
