namespace Ploy.Venues.Polymarket.Gamma;

/// <summary>
/// A Gamma market (protocol reference §8). Every field is optional: field presence varies by endpoint (markets nested
/// in <c>/events</c> lack some). The JSON-encoded string arrays (<c>outcomes</c>, <c>outcomePrices</c>,
/// <c>clobTokenIds</c>) arrive decoded.
/// </summary>
public sealed record PolymarketGammaMarket
{
    public string? Id { get; init; }

    public string? Slug { get; init; }

    public string? Question { get; init; }

    public string? ConditionId { get; init; }

    public string? QuestionId { get; init; }

    /// <summary>Outcome labels ("Yes"/"No", "Up"/"Down"), index-aligned with <see cref="OutcomePrices"/> and <see cref="TokenIds"/>.</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    public IReadOnlyList<decimal> OutcomePrices { get; init; } = [];

    /// <summary><c>clobTokenIds</c>: the token ids of protocol version "v1" markets.</summary>
    public IReadOnlyList<string> ClobTokenIds { get; init; } = [];

    /// <summary><c>positionIds</c>: the token ids of protocol version "v2" markets (a real array).</summary>
    public IReadOnlyList<string> PositionIds { get; init; } = [];

    /// <summary>"v1", "v2", or null when the endpoint does not say (treated as v1).</summary>
    public string? Version { get; init; }

    public decimal? OrderPriceMinTickSize { get; init; }

    public decimal? OrderMinSize { get; init; }

    public bool? NegRisk { get; init; }

    public string? NegRiskMarketId { get; init; }

    public bool? EnableOrderBook { get; init; }

    public bool? AcceptingOrders { get; init; }

    public bool? Active { get; init; }

    public bool? Closed { get; init; }

    public decimal? BestBid { get; init; }

    public decimal? BestAsk { get; init; }

    public decimal? LastTradePrice { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    /// <summary>For recurring rounds, when the round's window starts (<c>startDate</c> is when the market was created).</summary>
    public DateTimeOffset? EventStartTime { get; init; }

    public DateTimeOffset? GameStartTime { get; init; }

    /// <summary>
    /// The token ids that trade: <see cref="PositionIds"/> for version "v2" markets, else <see cref="ClobTokenIds"/>
    /// ([docs] protocol reference §8).
    /// </summary>
    public IReadOnlyList<string> TokenIds =>
        string.Equals(Version, "v2", StringComparison.OrdinalIgnoreCase) && PositionIds.Count > 0 ? PositionIds : ClobTokenIds;

    /// <summary>
    /// The YES and NO token ids of a binary market, aligned with <see cref="Outcomes"/>: YES is the "Yes" or "Up"
    /// outcome, NO the other one; with unnamed outcomes the first id is YES (Gamma lists YES first). Null when the market
    /// does not have exactly two tokens, or its outcome labels do not match them.
    /// </summary>
    public PolymarketGammaTokens? BinaryTokens()
    {
        var ids = TokenIds;
        if (ids.Count != 2 || (Outcomes.Count != 0 && Outcomes.Count != 2) || string.IsNullOrEmpty(ids[0]) || string.IsNullOrEmpty(ids[1]) || ids[0] == ids[1])
        {
            return null;
        }

        var yes = 0;
        if (Outcomes.Count == 2)
        {
            var first = IsYes(Outcomes[0]);
            var second = IsYes(Outcomes[1]);
            if (first == second)
            {
                // Neither or both read as YES: order is all there is, and Gamma lists YES first.
                yes = 0;
            }
            else
            {
                yes = first ? 0 : 1;
            }
        }

        return new PolymarketGammaTokens(ids[yes], ids[1 - yes], Outcomes.Count == 2 ? Outcomes[yes] : "Yes", Outcomes.Count == 2 ? Outcomes[1 - yes] : "No");
    }

    private static bool IsYes(string outcome) =>
        string.Equals(outcome, "Yes", StringComparison.OrdinalIgnoreCase) || string.Equals(outcome, "Up", StringComparison.OrdinalIgnoreCase);
}
