namespace Ploy.Strategies.MarketMaking;

/// <summary>What a resting quote stands for: its side and price in YES terms, whichever token carries it.</summary>
internal readonly record struct QuoteTag(QuoteSide Side, decimal YesPrice);
