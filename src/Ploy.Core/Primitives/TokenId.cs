namespace Ploy.Core.Primitives;

/// <summary>An outcome token (one side of a binary market).</summary>
public readonly record struct TokenId(string Value)
{
    public override string ToString() => Value;
}
