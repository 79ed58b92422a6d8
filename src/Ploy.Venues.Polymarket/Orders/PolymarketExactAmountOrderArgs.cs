using Ploy.Core.Primitives;

namespace Ploy.Venues.Polymarket.Orders;

/// <summary><c>createExchangeV3OrderFromAmounts</c>: caller-chosen base units, signed as given, ExchangeV3 only.</summary>
public sealed record PolymarketExactAmountOrderArgs(
    string TokenId,
    Side Side,
    ulong MakerAmount,
    ulong TakerAmount,
    bool NegRisk = false,
    ulong Expiration = 0,
    string? Metadata = null,
    string? BuilderCode = null);
