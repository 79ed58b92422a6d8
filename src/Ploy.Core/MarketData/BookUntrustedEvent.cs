using Ploy.Core.Primitives;

namespace Ploy.Core.MarketData;

/// <summary>
/// The feed stopped trusting a token's book — its hash did not match, its connection dropped, a frame could not be
/// read — and asked the venue for a fresh snapshot. The engine marks the book untrusted until the next
/// <see cref="BookSnapshotEvent"/> of the token; strategies do not trade it meanwhile. (A tick-size change has its own
/// <see cref="TickSizeChangeEvent"/>, which untrusts the book the same way.)
/// </summary>
public sealed record BookUntrustedEvent(TokenId Token, string Reason, DateTimeOffset At) : MarketDataEvent(At);
