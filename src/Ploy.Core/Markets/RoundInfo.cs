namespace Ploy.Core.Markets;

/// <summary>
/// A recurring "up or down" round: YES wins when the reference price at the end is above
/// <see cref="StartPrice"/> (the "price to beat" fixed by the market, not by when we first saw it).
/// </summary>
public sealed record RoundInfo(string Series, long Number, string ReferenceSymbol, decimal StartPrice);
