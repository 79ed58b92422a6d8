using Ploy.Core.Primitives;

namespace Ploy.Core.Markets;

/// <summary>
/// A binary market: one condition with a YES and a NO token. One YES plus one NO is a complete set worth
/// exactly 1 at resolution, so their prices are complementary (YES at p ≈ NO at 1 − p).
/// </summary>
/// <param name="Condition">The condition both tokens settle on.</param>
/// <param name="Yes">The token paying 1 if the question resolves YES.</param>
/// <param name="No">The token paying 1 if the question resolves NO.</param>
/// <param name="Tick">The current price grid (it can change while the market trades).</param>
/// <param name="MinOrderSize">The venue's minimum resting size (5 shares on Polymarket).</param>
/// <param name="Question">Human-readable question.</param>
/// <param name="OpensAt">When trading starts.</param>
/// <param name="ClosesAt">When the question is decided.</param>
/// <param name="Round">For recurring round markets, what the round measures; null otherwise.</param>
public sealed record BinaryMarket(
    ConditionId Condition,
    TokenId Yes,
    TokenId No,
    TickSize Tick,
    Size MinOrderSize,
    string Question,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    RoundInfo? Round = null)
{
    /// <summary>The venue minimum notional of a marketable order, in pUSD.</summary>
    public const decimal MinMarketableNotional = 1m;

    public TokenId TokenFor(Outcome outcome) => outcome == Outcome.Yes ? Yes : No;

    public bool Contains(TokenId token) => token == Yes || token == No;

    public Outcome OutcomeOf(TokenId token) =>
        token == Yes ? Outcome.Yes
        : token == No ? Outcome.No
        : throw new ArgumentException($"Token {token} is not part of market {Condition}.", nameof(token));

    public TokenId Complement(TokenId token) => OutcomeOf(token) == Outcome.Yes ? No : Yes;
}
