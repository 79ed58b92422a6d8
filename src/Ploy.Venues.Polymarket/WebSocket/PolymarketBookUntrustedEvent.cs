using Ploy.Core.MarketData;
using Ploy.Core.Primitives;

namespace Ploy.Venues.Polymarket.WebSocket;

/// <summary>
/// The adapter stopped trusting a token's book (hash mismatch, lost connection, tick-size change) and asked the venue for
/// a fresh snapshot; deltas for it are dropped until that <see cref="BookSnapshotEvent"/> arrives. Core has no such event
/// yet, so the engine ignores it today: it belongs in Ploy.Core (a BookUntrustedEvent that MarketState turns into
/// <c>OrderBook.MarkUntrusted</c>).
/// </summary>
public sealed record PolymarketBookUntrustedEvent(TokenId Token, string Reason, DateTimeOffset At) : MarketDataEvent(At);
