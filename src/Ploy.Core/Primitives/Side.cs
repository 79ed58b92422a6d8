namespace Ploy.Core.Primitives;

/// <summary>Order side. Values match the EIP-712 encoding (BUY = 0, SELL = 1).</summary>
public enum Side
{
    Buy = 0,
    Sell = 1,
}
