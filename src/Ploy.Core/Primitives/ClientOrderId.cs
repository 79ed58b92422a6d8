namespace Ploy.Core.Primitives;

/// <summary>Our own id for an order, stable across restarts; never confused with the venue's id.</summary>
public readonly record struct ClientOrderId(string Value)
{
    public override string ToString() => Value;
}
