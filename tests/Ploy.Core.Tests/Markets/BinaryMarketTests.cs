using Ploy.Core.Markets;
using Ploy.Core.Primitives;
using Ploy.Testing;

namespace Ploy.Core.Tests.Markets;

public sealed class BinaryMarketTests
{
    private static readonly BinaryMarket Market = TestMarkets.Sample();

    [Fact]
    public void TokenForAndOutcomeOf_BothOutcomes_RoundTrip()
    {
        Assert.Equal(Market.Yes, Market.TokenFor(Outcome.Yes));
        Assert.Equal(Market.No, Market.TokenFor(Outcome.No));
        Assert.Equal(Outcome.Yes, Market.OutcomeOf(Market.Yes));
        Assert.Equal(Outcome.No, Market.OutcomeOf(Market.No));
        Assert.NotEqual(Market.Yes, Market.No);
    }

    [Fact]
    public void Complement_EachToken_IsTheOtherToken()
    {
        Assert.Equal(Market.No, Market.Complement(Market.Yes));
        Assert.Equal(Market.Yes, Market.Complement(Market.No));
    }

    [Fact]
    public void OutcomeOf_ForeignToken_ThrowsAndContainsIsFalse()
    {
        var foreign = new TokenId("elsewhere");

        Assert.False(Market.Contains(foreign));
        Assert.True(Market.Contains(Market.Yes));
        Assert.Throws<ArgumentException>(() => Market.OutcomeOf(foreign));
        Assert.Throws<ArgumentException>(() => Market.Complement(foreign));
    }

    [Fact]
    public void Builder_Defaults_AreVenueRealistic()
    {
        Assert.Equal(TickSize.Hundredth, Market.Tick);
        Assert.Equal(Size.Of(5m), Market.MinOrderSize);
        Assert.True(Market.ClosesAt > Market.OpensAt);
        Assert.Null(Market.Round);
        Assert.Equal(100_000m, TestMarkets.Round().Round?.StartPrice);
        Assert.NotEqual(TestMarkets.Sample("a").Yes, TestMarkets.Sample("b").Yes);
    }
}
