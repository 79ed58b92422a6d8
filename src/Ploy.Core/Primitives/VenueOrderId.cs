namespace Ploy.Core.Primitives;

/// <summary>The venue's identity of an order. On Polymarket this is the EIP-712 order hash, known before sending.</summary>
public readonly record struct VenueOrderId(string Value)
{
    public override string ToString() => Value;
}
