using Ploy.Core.Markets;
using Ploy.Core.Primitives;

namespace Ploy.Testing;

/// <summary>
/// Builds a <see cref="BinaryMarket"/> with sensible defaults (tick 0.01, minimum 5 shares, one hour open from
/// <see cref="TestTime.Start"/>); override only what a test is about.
/// </summary>
public sealed class MarketBuilder
{
    private ConditionId _condition = new("0xcondition-sample");
    private TokenId _yes = new("token-yes");
    private TokenId _no = new("token-no");
    private TickSize _tick = TickSize.Hundredth;
    private Size _minOrderSize = Size.Of(5m);
    private string _question = "Will the sample resolve YES?";
    private DateTimeOffset _opensAt = TestTime.Start;
    private DateTimeOffset _closesAt = TestTime.Start.AddHours(1);
    private RoundInfo? _round;

    /// <summary>Sets the condition id and derives distinct token ids from it.</summary>
    public MarketBuilder WithId(string id)
    {
        _condition = new ConditionId($"0x{id}");
        _yes = new TokenId($"{id}-yes");
        _no = new TokenId($"{id}-no");
        return this;
    }

    public MarketBuilder WithCondition(ConditionId condition)
    {
        _condition = condition;
        return this;
    }

    public MarketBuilder WithTokens(TokenId yes, TokenId no)
    {
        _yes = yes;
        _no = no;
        return this;
    }

    public MarketBuilder WithTick(TickSize tick)
    {
        _tick = tick;
        return this;
    }

    public MarketBuilder WithTick(decimal tick) => WithTick(TickSize.Of(tick));

    public MarketBuilder WithMinOrderSize(decimal shares)
    {
        _minOrderSize = Size.Of(shares);
        return this;
    }

    public MarketBuilder WithQuestion(string question)
    {
        _question = question;
        return this;
    }

    public MarketBuilder OpenBetween(DateTimeOffset opensAt, DateTimeOffset closesAt)
    {
        _opensAt = opensAt;
        _closesAt = closesAt;
        return this;
    }

    public MarketBuilder WithRound(RoundInfo? round)
    {
        _round = round;
        return this;
    }

    /// <summary>A recurring up/down round on <paramref name="symbol"/> whose price to beat is <paramref name="startPrice"/>.</summary>
    public MarketBuilder AsRound(string series, long number, string symbol, decimal startPrice) =>
        WithRound(new RoundInfo(series, number, symbol, startPrice));

    public BinaryMarket Build() => new(_condition, _yes, _no, _tick, _minOrderSize, _question, _opensAt, _closesAt, _round);
}
