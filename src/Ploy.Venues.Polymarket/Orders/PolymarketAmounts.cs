using Ploy.Core.Primitives;

namespace Ploy.Venues.Polymarket.Orders;

/// <summary>
/// Maker/taker amounts exactly as the official client computes them (protocol reference §5, §10.5): limit prices
/// round half-up, market prices truncate, sizes and amounts truncate to 2 decimals, and computed notionals and
/// quotients round up at amount+4 decimals and then truncate to the tick's amount decimals.
/// </summary>
public static class PolymarketAmounts
{
    /// <summary>Decimals of the share size (and of a market order's amount).</summary>
    public const int SizeDecimals = 2;

    /// <summary>Price decimals of a tick (0.1 → 1, 0.01 → 2, 0.005/0.001 → 3, 0.0025/0.0001 → 4).</summary>
    public static int PriceDecimals(TickSize tick) => tick.PriceDecimals;

    /// <summary>Amount decimals of a tick: price decimals + 2 for every venue tick.</summary>
    public static int AmountDecimals(TickSize tick) => tick.PriceDecimals + 2;

    /// <summary>Limit order (<c>createOrder</c>): <paramref name="size"/> in shares.</summary>
    public static PolymarketOrderAmounts Limit(Side side, decimal price, decimal size, TickSize tick, PolymarketAmountMode mode = PolymarketAmountMode.ExactDecimal)
    {
        if (mode == PolymarketAmountMode.ReferenceDouble)
        {
            return LimitReference(side, PolymarketJsNumber.FromDecimal(price), PolymarketJsNumber.FromDecimal(size), tick);
        }

        var priceDecimals = tick.PriceDecimals;
        var priceUnits = ToUnits(Math.Round(price * Pow10(priceDecimals), MidpointRounding.AwayFromZero));
        var sizeCents = ToUnits(decimal.Floor(size * 100m));
        // size (10^-2) × price (10^-pd) is exact at 10^-(pd+2) = the amount decimals: no rounding needed.
        var notional = Scale((UInt128)sizeCents * priceUnits, SizeDecimals + priceDecimals);
        var shares = Scale(sizeCents, SizeDecimals);
        var rounded = priceUnits / Pow10(priceDecimals);
        return side == Side.Buy ? new(notional, shares, rounded) : new(shares, notional, rounded);
    }

    /// <summary>
    /// Market order (<c>createMarketOrder</c>): <paramref name="amount"/> is pUSD to spend (BUY) or shares to sell
    /// (SELL); <paramref name="price"/> is the worst price (truncated, not rounded).
    /// </summary>
    public static PolymarketOrderAmounts Market(Side side, decimal amount, decimal price, TickSize tick, PolymarketAmountMode mode = PolymarketAmountMode.ExactDecimal)
    {
        if (mode == PolymarketAmountMode.ReferenceDouble)
        {
            return MarketReference(side, PolymarketJsNumber.FromDecimal(amount), PolymarketJsNumber.FromDecimal(price), tick);
        }

        var priceDecimals = tick.PriceDecimals;
        var amountDecimals = AmountDecimals(tick);
        var priceUnits = ToUnits(decimal.Floor(price * Pow10(priceDecimals)));
        if (priceUnits == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "The price truncates to zero.");
        }

        var amountCents = ToUnits(decimal.Floor(amount * 100m));
        var maker = Scale(amountCents, SizeDecimals);
        var rounded = priceUnits / Pow10(priceDecimals);
        if (side == Side.Sell)
        {
            return new(maker, Scale((UInt128)amountCents * priceUnits, SizeDecimals + priceDecimals), rounded);
        }

        // taker = (A/100) / (P/10^pd) = A·10^pd / (100·P), then the client's guard: ceil at amount+4 decimals,
        // floor at amount decimals.
        var numerator = (UInt128)amountCents * Pow10Int(priceDecimals) * Pow10Int(amountDecimals + 4);
        var denominator = (UInt128)100 * priceUnits;
        var fine = (numerator + denominator - 1) / denominator;
        var units = fine / 10_000;
        return new(maker, Scale(units, amountDecimals), rounded);
    }

    /// <summary>The reference client's binary64 algorithm for limit orders.</summary>
    public static PolymarketOrderAmounts LimitReference(Side side, double price, double size, TickSize tick)
    {
        var amountDecimals = AmountDecimals(tick);
        var rawPrice = PolymarketJsNumber.RoundNormal(price, tick.PriceDecimals);
        var shares = PolymarketJsNumber.RoundDown(size, SizeDecimals);
        var notional = PolymarketJsNumber.FixAmount(shares * rawPrice, amountDecimals);
        var rounded = PolymarketJsNumber.ToDecimal(rawPrice);
        return side == Side.Buy
            ? new(PolymarketJsNumber.ParseUnits6(notional), PolymarketJsNumber.ParseUnits6(shares), rounded)
            : new(PolymarketJsNumber.ParseUnits6(shares), PolymarketJsNumber.ParseUnits6(notional), rounded);
    }

    /// <summary>The reference client's binary64 algorithm for market orders.</summary>
    public static PolymarketOrderAmounts MarketReference(Side side, double amount, double price, TickSize tick)
    {
        var amountDecimals = AmountDecimals(tick);
        var rawPrice = PolymarketJsNumber.RoundDown(price, tick.PriceDecimals);
        var maker = PolymarketJsNumber.RoundDown(amount, SizeDecimals);
        var taker = side == Side.Buy ? maker / rawPrice : maker * rawPrice;
        taker = PolymarketJsNumber.FixAmount(taker, amountDecimals);
        return new(PolymarketJsNumber.ParseUnits6(maker), PolymarketJsNumber.ParseUnits6(taker), PolymarketJsNumber.ToDecimal(rawPrice));
    }

    /// <summary>
    /// Truncates a market order's taker amount to 4 decimals. Venue quirk: the server is reported to reject market
    /// takers with more than 4 decimals (py-clob-client-v2 #99, protocol reference §10.5) while client 1.1.0 signs
    /// 5–6 on fine ticks; a deliberate, opt-in divergence from the reference.
    /// </summary>
    public static PolymarketOrderAmounts CapMarketTaker(PolymarketOrderAmounts amounts) =>
        amounts with { TakerAmount = amounts.TakerAmount / 100 * 100 };

    private static ulong ToUnits(decimal value) =>
        value < 0 ? throw new ArgumentOutOfRangeException(nameof(value), value, "Amounts must be non-negative.") : checked((ulong)value);

    private static ulong Scale(UInt128 units, int decimals) => checked((ulong)(units * Pow10Int(6 - decimals)));

    private static decimal Pow10(int decimals) => (decimal)(ulong)Pow10Int(decimals);

    private static UInt128 Pow10Int(int decimals)
    {
        UInt128 result = 1;
        for (var i = 0; i < decimals; i++)
        {
            result *= 10;
        }

        return result;
    }
}
