namespace Ploy.Venues.Polymarket.Adapter;

/// <summary>Which recurring series the adapter learns rounds of from Gamma, and what each round's reference is.</summary>
public sealed record PolymarketRoundDiscoveryOptions
{
    /// <summary>
    /// Gamma series slugs to follow (e.g. "btc-up-or-down-15m"). Empty follows every open series Gamma lists — right for
    /// <c>ploy venue</c>, far too many for production Gamma.
    /// </summary>
    public IReadOnlyList<string> Series { get; init; } = [];

    /// <summary>
    /// Reference symbol per series slug (as the reference stream names it, e.g. "BTC"); a series not listed here uses
    /// its slug's first word upper-cased ("btc-up-or-down-15m" → "BTC").
    /// </summary>
    public IReadOnlyDictionary<string, string> ReferenceSymbols { get; init; } = new Dictionary<string, string>();

    public string ReferenceSymbolOf(string seriesSlug) =>
        ReferenceSymbols.TryGetValue(seriesSlug, out var symbol) ? symbol : seriesSlug.Split('-', 2)[0].ToUpperInvariant();
}
