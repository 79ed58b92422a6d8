using Ploy.Core.MarketData;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Simulated.Matching;

namespace Ploy.Venues.Simulated;

/// <summary>Turns what the engine does into market data for everyone and venue events for our account.</summary>
internal sealed class ExchangeEventRouter(SimulatedMarketDataFeed feed) : IMatchingObserver
{
    public SimulatedVenue? Venue { get; set; }

    public void OnTrade(EngineTrade trade)
    {
        var taker = trade.Taker;
        var maker = trade.Maker;
        var size = Size.Of(trade.Quantity);
        feed.Publish(new LastTradeEvent(taker.Token, trade.TakerPrice, size, taker.Side, trade.Time));
        if (trade.Kind != MatchKind.Direct)
        {
            // A mint or merge printed in both books: in the maker's, its resting order was the one hit.
            feed.Publish(new LastTradeEvent(maker.Token, maker.Price, size, maker.Side.Opposite(), trade.Time));
        }

        if (Venue is not { } venue)
        {
            return;
        }

        if (taker.Account == venue.Account)
        {
            venue.OnFill(new VenueFill(trade.Id, taker.Id, taker.Token, taker.Side, trade.TakerPrice, size, trade.TakerFee, IsMaker: false, trade.Time));
        }

        if (maker.Account == venue.Account)
        {
            venue.OnFill(new VenueFill(trade.Id, maker.Id, maker.Token, maker.Side, maker.Price, size, 0m, IsMaker: true, trade.Time));
        }
    }

    public void OnOrderClosed(EngineOrder order, DateTimeOffset at)
    {
        if (Venue is { } venue && order.Account == venue.Account)
        {
            venue.OnOrderClosed(order, at);
        }
    }

    // The engine reports its own per-token levels; the feed turns them into mirrored published levels.
    public void OnLevelChanged(TokenId token, Side side, Price price, decimal total, DateTimeOffset at) =>
        feed.LevelChanged(token, side, price, total);
}
