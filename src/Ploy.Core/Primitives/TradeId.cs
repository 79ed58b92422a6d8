namespace Ploy.Core.Primitives;

/// <summary>The venue's id of a trade (a fill); fills are unique by it.</summary>
public readonly record struct TradeId(string Value)
{
    public override string ToString() => Value;
}
