using Ploy.Core.Books;
using Ploy.Core.Primitives;

namespace Ploy.Core.MarketData;

/// <summary>A full book. <paramref name="Hash"/> is the venue's book hash where it sends one.</summary>
public sealed record BookSnapshotEvent(TokenId Token, IReadOnlyList<BookLevel> Bids, IReadOnlyList<BookLevel> Asks, string? Hash, DateTimeOffset At)
    : MarketDataEvent(At);
