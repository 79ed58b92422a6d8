using Ploy.Core.Primitives;

namespace Ploy.Venues.Polymarket.Parsing;

/// <summary>One <c>price_changes[]</c> entry: the new total size at a level (0 removes it) and the book hash after it.</summary>
internal struct PolymarketLevelChange
{
    public TokenId Token;
    public Side Side;
    public decimal Price;
    public decimal Size;
    public PolymarketHashText Hash;
}
