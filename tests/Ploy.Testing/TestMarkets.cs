using Ploy.Core.Markets;

namespace Ploy.Testing;

/// <summary>
/// Ready-made markets. Named <c>TestMarkets</c>, not <c>Markets</c>: inside any <c>Ploy.Core.*</c> namespace the
/// simple name <c>Markets</c> binds to the <c>Ploy.Core.Markets</c> namespace before any using directive.
/// </summary>
public static class TestMarkets
{
    /// <summary>The default market of <see cref="MarketBuilder"/>: tick 0.01, minimum 5 shares.</summary>
    public static BinaryMarket Sample() => new MarketBuilder().Build();

    /// <summary>A sample market with its own ids, for tests that need several markets.</summary>
    public static BinaryMarket Sample(string id) => new MarketBuilder().WithId(id).Build();

    /// <summary>A five-minute BTC up/down round whose price to beat is 100 000.</summary>
    public static BinaryMarket Round(long number = 1) =>
        new MarketBuilder()
            .WithId($"btc-updown-5m-{number}")
            .OpenBetween(TestTime.Start, TestTime.Start.AddMinutes(5))
            .AsRound("btc-updown-5m", number, "BTCUSDT", 100_000m)
            .Build();
}
