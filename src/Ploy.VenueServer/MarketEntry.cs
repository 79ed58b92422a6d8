using Ploy.Core.Markets;
using Ploy.Core.Primitives;

namespace Ploy.VenueServer;

/// <summary>
/// A simulated market with its public token ids. The simulator's token ids are slugs; the protocol needs decimal
/// uint256 token ids (they are signed as <c>uint256 tokenId</c>), so each gets a stable one derived from its slug.
/// </summary>
internal sealed class MarketEntry(BinaryMarket market, string yesId, string noId)
{
    /// <summary>The market as it trades now: replaced when its tick size changes (under the venue's lock).</summary>
    public BinaryMarket Market { get; set; } = market;

    public string ConditionId => Market.Condition.Value;

    public string YesId { get; } = yesId;

    public string NoId { get; } = noId;

    public bool Closed { get; set; }

    public Outcome? Winner { get; set; }

    public string PublicId(TokenId token) => token == Market.Yes ? YesId : NoId;

    public TokenId SimToken(string publicId) => publicId == YesId ? Market.Yes : Market.No;

    /// <summary>Outcome label: Up/Down for round markets (YES = up), Yes/No otherwise.</summary>
    public string OutcomeName(TokenId token)
    {
        var yes = token == Market.Yes;
        return Market.Round is not null ? (yes ? "Up" : "Down") : (yes ? "Yes" : "No");
    }
}
