using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Matching;

namespace Ploy.Venues.Simulated.Tests;

internal sealed class RecordingObserver : IMatchingObserver
{
    public List<EngineTrade> Trades { get; } = [];

    public List<(EngineOrder Order, Ploy.Core.Venues.VenueOrderStatus Status)> Closed { get; } = [];

    public List<(TokenId Token, Side Side, Price Price, decimal Total)> Levels { get; } = [];

    public void OnTrade(EngineTrade trade) => Trades.Add(trade);

    public void OnOrderClosed(EngineOrder order, DateTimeOffset at) => Closed.Add((order, order.Status));

    public void OnLevelChanged(TokenId token, Side side, Price price, decimal total, DateTimeOffset at) => Levels.Add((token, side, price, total));
}
