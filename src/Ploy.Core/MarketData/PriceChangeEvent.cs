using Ploy.Core.Primitives;

namespace Ploy.Core.MarketData;

/// <summary>A level's new total size (0 removes it). Deltas carry no sequence number, only a book hash.</summary>
public sealed record PriceChangeEvent(TokenId Token, Side Side, Price Price, Size Size, string? Hash, DateTimeOffset At)
    : MarketDataEvent(At);
