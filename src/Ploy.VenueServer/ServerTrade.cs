using Ploy.Core.Primitives;

namespace Ploy.VenueServer;

/// <summary>One side's view of a match, as <c>GET /data/trades</c> and the user channel report it.</summary>
internal sealed record ServerTrade(
    string Id,
    string TakerOrderId,
    string OrderId,
    MarketEntry Market,
    string AssetId,
    Side Side,
    decimal Size,
    decimal Price,
    DateTimeOffset MatchTime,
    ApiKeyRecord Owner,
    string MakerAddress,
    bool IsMaker,
    string TransactionHash);
