namespace Ploy.Core.Primitives;

/// <summary>The name a strategy runs under.</summary>
public readonly record struct StrategyId(string Value)
{
    public override string ToString() => Value;
}
