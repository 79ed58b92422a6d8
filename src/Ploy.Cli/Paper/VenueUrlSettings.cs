using System.Net;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Cli.Paper;

/// <summary>
/// <c>ploy paper --venue-url URL</c>: trade through the Polymarket adapter against <c>ploy venue</c> on this machine.
/// The default key is Hardhat/Anvil account 0 — public, so only ever for the simulated venue; non-loopback URLs are refused.
/// </summary>
public sealed class VenueUrlSettings
{
    /// <summary>Hardhat/Anvil account 0: a well-known public test key. Never for a real host.</summary>
    public const string HardhatKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public Uri? VenueUrl { get; set; }

    /// <summary>The EOA key for L1 auth and order signing (hex); the Hardhat key when unset.</summary>
    public string PrivateKey { get; set; } = HardhatKey0;

    /// <summary>The venue's <c>/admin/ledger</c> bearer token, when the server exposes one (else balance-allowance + trades are used).</summary>
    public string? AdminToken { get; set; }

    public int ChainId { get; set; } = PolymarketContracts.Polygon;

    /// <summary>Heartbeats (the venue's dead man's switch); null = off.</summary>
    public TimeSpan? HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Re-request books this often so quiet books are not aged into "stale" by the engine.</summary>
    public TimeSpan SnapshotRefreshInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gamma (round discovery); null = <c>ploy venue</c>'s, at <see cref="VenueUrl"/> + <c>gamma/</c>.</summary>
    public Uri? GammaUrl { get; set; }

    /// <summary>The RTDS socket (reference prices); null = <c>ploy venue</c>'s, at <see cref="VenueUrl"/>'s <c>/ws/live-data</c>.</summary>
    public Uri? RtdsUrl { get; set; }

    /// <summary>Gamma series slugs whose rounds are traded as rounds; empty = every series the venue's Gamma lists.</summary>
    public IList<string> RoundSeries { get; } = [];

    /// <summary>The Gamma base in use.</summary>
    public Uri EffectiveGammaUrl => GammaUrl ?? new Uri(VenueUrl!, "gamma/");

    /// <summary>The RTDS socket in use.</summary>
    public Uri EffectiveRtdsUrl => RtdsUrl ?? Ploy.Venues.Polymarket.Rtds.PolymarketRtdsOptions.VenueAddress(VenueUrl!);

    /// <summary>Problems, each naming its option; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (VenueUrl is null || !VenueUrl.IsAbsoluteUri || (VenueUrl.Scheme != Uri.UriSchemeHttp && VenueUrl.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("--venue-url must be an absolute http(s) URL, e.g. http://127.0.0.1:8090.");
        }
        else if (!IsLoopback(VenueUrl))
        {
            problems.Add($"--venue-url {VenueUrl}: paper trading over the adapter is for `ploy venue` on this machine only (loopback); refusing {VenueUrl.Host}.");
        }

        if (GammaUrl is { } gamma && (!gamma.IsAbsoluteUri || !IsLoopback(gamma)))
        {
            problems.Add($"Paper:Venue:GammaUrl {gamma}: must be an absolute loopback URL (paper trading over the adapter stays on this machine).");
        }

        if (RtdsUrl is { } rtds && (!rtds.IsAbsoluteUri || (rtds.Scheme != "ws" && rtds.Scheme != "wss") || !IsLoopback(rtds)))
        {
            problems.Add($"Paper:Venue:RtdsUrl {rtds}: must be an absolute ws(s) loopback URL.");
        }

        if (ChainId is not (PolymarketContracts.Polygon or PolymarketContracts.Amoy))
        {
            problems.Add("Paper:Venue:ChainId must be 137 or 80002.");
        }

        try
        {
            using var key = PolymarketPrivateKey.Parse(PrivateKey);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // Never echo the key.
            problems.Add("Paper:Venue:PrivateKey is not a 32-byte hex key.");
        }

        return problems;
    }

    public static bool IsLoopback(Uri url) =>
        string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
