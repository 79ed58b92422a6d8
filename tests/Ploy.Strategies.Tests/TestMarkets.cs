using Ploy.Core.Markets;
using Ploy.Core.Primitives;

namespace Ploy.Strategies.Tests;

internal static class TestMarkets
{
    public const string Symbol = "BTCUSD";

    public static readonly DateTimeOffset Open = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    public static DateTimeOffset Close => Open + Length;

    public static BinaryMarket Round(decimal startPrice = 100_000m, TickSize? tick = null, string id = "c1") =>
        new(new ConditionId(id), new TokenId(id + "-yes"), new TokenId(id + "-no"), tick ?? TickSize.Hundredth, Size.Of(5m),
            "BTC up in this 15 minutes?", Open, Close, new RoundInfo("btc-up-15m", 1, Symbol, startPrice));
}
