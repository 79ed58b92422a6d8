using Ploy.Core.Primitives;

namespace Ploy.Core.Venues;

/// <summary>The venue's view of one of our orders.</summary>
public sealed record VenueOrderState(
    VenueOrderId Id,
    TokenId Token,
    Side Side,
    Price Price,
    Size OriginalSize,
    Size SizeMatched,
    VenueOrderStatus Status);
