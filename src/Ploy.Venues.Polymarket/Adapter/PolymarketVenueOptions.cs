using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Adapter;

/// <summary>How the adapter trades: chain, wallet type, key nonce, heartbeats and the market poll.</summary>
public sealed record PolymarketVenueOptions
{
    /// <summary>137 (Polygon) or 80002 (Amoy).</summary>
    public int ChainId { get; init; } = PolymarketContracts.Polygon;

    /// <summary>0 EOA (default), 1 POLY_PROXY, 2 GNOSIS_SAFE (both need <see cref="Funder"/>).</summary>
    public PolymarketSignatureType SignatureType { get; init; } = PolymarketSignatureType.Eoa;

    /// <summary>The proxy or Safe holding the funds, for signature types 1 and 2.</summary>
    public string? Funder { get; init; }

    /// <summary>The L1 nonce of the API key to create or derive.</summary>
    public ulong ApiKeyNonce { get; init; }

    /// <summary>Dead man's switch: heartbeat this often (the venue cancels everything after ~10 s of silence); null = off.</summary>
    public TimeSpan? HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often <c>GET /markets</c> is polled for new rounds and resolutions.</summary>
    public TimeSpan MarketPollInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Subscribe the market channel to every newly listed market's tokens (and drop them once resolved).</summary>
    public bool AutoSubscribe { get; init; } = true;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ChainId is not (PolymarketContracts.Polygon or PolymarketContracts.Amoy))
        {
            problems.Add("Polymarket:ChainId must be 137 or 80002.");
        }

        if (SignatureType != PolymarketSignatureType.Eoa && string.IsNullOrEmpty(Funder))
        {
            problems.Add("Polymarket:Funder is required for signature types 1 and 2.");
        }

        if (HeartbeatInterval is { } heartbeat && (heartbeat <= TimeSpan.Zero || heartbeat >= TimeSpan.FromSeconds(10)))
        {
            problems.Add("Polymarket:HeartbeatInterval must lie in (0, 10 s): the venue cancels all orders after 10 s without one.");
        }

        if (MarketPollInterval <= TimeSpan.Zero)
        {
            problems.Add("Polymarket:MarketPollInterval must be positive.");
        }

        return problems;
    }
}
