using Ploy.Core.Primitives;
using Ploy.Execution.Engine;

namespace Ploy.Execution.Tests;

/// <summary>Client order ids continue after the journal's across restarts (the kill test found them restarting at 1).</summary>
public sealed class TradingEngineOrderIdTests
{
    [Fact]
    public void HighestSequence_JournaledIds_IsTheLargestOfThePrefix()
    {
        ClientOrderId[] ids = [new("ploy-0000002"), new("ploy-0000017"), new("other-0000099"), new("ploy-x"), new("ploy-"), new("venue:0xabc")];

        Assert.Equal(17, TradingEngine.HighestSequence(ids, "ploy"));
        Assert.Equal(99, TradingEngine.HighestSequence(ids, "other"));
    }

    [Fact]
    public void HighestSequence_NoJournaledIds_IsZero()
    {
        Assert.Equal(0, TradingEngine.HighestSequence([], "ploy"));
        Assert.Equal(0, TradingEngine.HighestSequence([new ClientOrderId("ploy2-0000005")], "ploy"));
    }
}
