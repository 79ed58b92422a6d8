using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ploy.Core.Markets;
using Ploy.Core.Primitives;

namespace Ploy.Venues.Simulated.Synthetic;

/// <summary>
/// Builds the market of one round. The round number is the Unix second of its start, as Polymarket's
/// recurring slugs do ("btc-updown-15m-1763800200"), so ids are deterministic and do not repeat across sessions.
/// </summary>
public static class RoundFactory
{
    /// <summary>The venue's minimum resting order size.</summary>
    public static readonly Size MinOrderSize = Size.Of(5m);

    public static BinaryMarket Create(SimulationOptions options, DateTimeOffset opensAt, decimal startPrice)
    {
        var number = opensAt.ToUnixTimeSeconds();
        var slug = string.Create(CultureInfo.InvariantCulture, $"{options.Series}-{number}");
        var closesAt = opensAt + options.RoundLength;
        var question = string.Create(
            CultureInfo.InvariantCulture,
            $"{options.ReferenceSymbol} up or down: above {startPrice} at {closesAt:yyyy-MM-dd HH:mm:ss}Z?");
        return new BinaryMarket(
            ConditionFor(slug),
            new TokenId(slug + "-yes"),
            new TokenId(slug + "-no"),
            options.Tick,
            MinOrderSize,
            question,
            opensAt,
            closesAt,
            new RoundInfo(options.Series, number, options.ReferenceSymbol, startPrice));
    }

    /// <summary>"0x" + SHA-256 of the slug: shaped like a real condition id, stable for a round.</summary>
    public static ConditionId ConditionFor(string slug) =>
        new("0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(slug))));
}
