using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Matching;

namespace Ploy.VenueServer;

/// <summary>An order the venue accepted over the API: the engine's order plus what the protocol reports about it.</summary>
internal sealed class ServerOrder(string id, ApiKeyRecord owner, string makerAddress, MarketEntry market, string assetId, EngineOrder engine,
    OrderType type, ulong expiration, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public ApiKeyRecord Owner { get; } = owner;

    public string MakerAddress { get; } = makerAddress;

    public MarketEntry Market { get; } = market;

    public string AssetId { get; } = assetId;

    public EngineOrder Engine { get; } = engine;

    public OrderType Type { get; } = type;

    public ulong Expiration { get; } = expiration;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Fills already turned into trades.</summary>
    public decimal ReportedFilled { get; set; }

    public List<string> Trades { get; } = [];

    public Side Side => Engine.Side;

    public bool IsLive => Engine.Status == Ploy.Core.Venues.VenueOrderStatus.Live && Engine.IsResting;
}
