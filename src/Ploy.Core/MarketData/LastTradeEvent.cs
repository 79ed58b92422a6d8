using Ploy.Core.Primitives;

namespace Ploy.Core.MarketData;

public sealed record LastTradeEvent(TokenId Token, Price Price, Size Size, Side TakerSide, DateTimeOffset At)
    : MarketDataEvent(At);
