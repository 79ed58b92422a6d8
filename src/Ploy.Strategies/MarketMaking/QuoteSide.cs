namespace Ploy.Strategies.MarketMaking;

internal enum QuoteSide
{
    Bid,
    Ask,
}
