namespace Ploy.Core.Primitives;

/// <summary>A market's condition: the pair of YES/NO tokens it settles.</summary>
public readonly record struct ConditionId(string Value)
{
    public override string ToString() => Value;
}
