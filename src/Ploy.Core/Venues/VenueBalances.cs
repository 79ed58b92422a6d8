using Ploy.Core.Primitives;

namespace Ploy.Core.Venues;

/// <summary>The venue's ledger for our wallet: cash and token holdings.</summary>
public sealed record VenueBalances(decimal Cash, IReadOnlyDictionary<TokenId, decimal> Tokens);
