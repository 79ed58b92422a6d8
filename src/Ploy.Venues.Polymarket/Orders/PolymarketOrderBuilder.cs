using System.Security.Cryptography;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Orders;

/// <summary>
/// Builds and signs V2 orders as the official client does (<c>createOrder</c>, <c>createMarketOrder</c>,
/// <c>createExchangeV3OrderFromAmounts</c>), without any I/O: tick size, neg-risk, fee data and the book are inputs.
/// </summary>
public sealed class PolymarketOrderBuilder
{
    private readonly PolymarketSigner _signer;
    private readonly string? _funder;
    private readonly string? _defaultBuilderCode;

    /// <param name="signer">The EOA key (for type 3, the deposit wallet's owner).</param>
    /// <param name="chainId">137 or 80002.</param>
    /// <param name="signatureType">0–3.</param>
    /// <param name="funder">Proxy, Safe or deposit wallet; required for types 1–3. Copied verbatim into maker.</param>
    /// <param name="defaultBuilderCode">The builder config code used when an order carries none.</param>
    /// <param name="amountMode">Exact decimal (default) or the reference's binary64 algorithm.</param>
    /// <param name="capMarketTakerDecimals">Opt-in: truncate market takers to 4 decimals (see <see cref="PolymarketAmounts.CapMarketTaker"/>).</param>
    public PolymarketOrderBuilder(PolymarketSigner signer, int chainId, PolymarketSignatureType signatureType = PolymarketSignatureType.Eoa,
        string? funder = null, string? defaultBuilderCode = null, PolymarketAmountMode amountMode = PolymarketAmountMode.ExactDecimal,
        bool capMarketTakerDecimals = false)
    {
        PolymarketContracts.EnsureChain(chainId);
        if (signatureType != PolymarketSignatureType.Eoa && funder is null)
        {
            throw new ArgumentException("Signature types 1–3 need a funder address.", nameof(funder));
        }

        _signer = signer;
        _funder = funder;
        _defaultBuilderCode = defaultBuilderCode;
        ChainId = chainId;
        SignatureType = signatureType;
        AmountMode = amountMode;
        CapMarketTakerDecimals = capMarketTakerDecimals;
    }

    public int ChainId { get; }

    public PolymarketSignatureType SignatureType { get; }

    public PolymarketAmountMode AmountMode { get; }

    public bool CapMarketTakerDecimals { get; }

    /// <summary>The EOA (POLY_ADDRESS of L2 requests).</summary>
    public string SignerAddress => _signer.Address;

    /// <summary>A random salt that survives the JSON number in the body (≤ 2^53−1).</summary>
    public static ulong NewSalt()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes) & PolymarketOrder.MaxSalt;
    }

    /// <summary>The amounts a limit order will carry.</summary>
    public PolymarketOrderAmounts LimitAmounts(PolymarketLimitOrderArgs args)
    {
        EnsurePriceValid(args.Price, args.TickSize);
        var size = args.Size;
        if (args.Side == Side.Buy && args.Fees is { } fees)
        {
            // The client shrinks the size so that notional + fees fit the balance, at the rounded price.
            var price = AmountMode == PolymarketAmountMode.ReferenceDouble
                ? PolymarketJsNumber.RoundNormal(PolymarketJsNumber.FromDecimal(args.Price), args.TickSize.PriceDecimals)
                : PolymarketJsNumber.FromDecimal(Math.Round(args.Price, args.TickSize.PriceDecimals, MidpointRounding.AwayFromZero));
            var notional = PolymarketJsNumber.FromDecimal(size) * price;
            var adjusted = Adjust(notional, price, fees);
            size = PolymarketJsNumber.ToDecimal(adjusted / price);
        }

        return PolymarketAmounts.Limit(args.Side, args.Price, size, args.TickSize, AmountMode);
    }

    /// <summary>The price a market order is signed at (explicit or from the book), or null when the book cannot fill a FOK.</summary>
    public decimal? MarketPrice(PolymarketMarketOrderArgs args)
    {
        if (args.Price is { } explicitPrice and > 0)
        {
            return explicitPrice;
        }

        var bids = args.Bids ?? [];
        var asks = args.Asks ?? [];
        return AmountMode == PolymarketAmountMode.ReferenceDouble
            ? PolymarketMarketPrice.FromBookReference(args.Side, bids, asks, args.Amount, args.OrderType)
            : PolymarketMarketPrice.FromBook(args.Side, bids, asks, args.Amount, args.OrderType);
    }

    /// <summary>The amounts a market order will carry at <paramref name="price"/>.</summary>
    public PolymarketOrderAmounts MarketAmounts(PolymarketMarketOrderArgs args, decimal price)
    {
        EnsurePriceValid(price, args.TickSize);
        var amount = args.Amount;
        if (args.Side == Side.Buy && args.Fees is { } fees)
        {
            // Market BUYs adjust with the unrounded price.
            var adjusted = Adjust(PolymarketJsNumber.FromDecimal(amount), PolymarketJsNumber.FromDecimal(price), fees);
            amount = PolymarketJsNumber.ToDecimal(adjusted);
        }

        var amounts = PolymarketAmounts.Market(args.Side, amount, price, args.TickSize, AmountMode);
        return CapMarketTakerDecimals ? PolymarketAmounts.CapMarketTaker(amounts) : amounts;
    }

    public PolymarketSignedOrder BuildLimit(PolymarketLimitOrderArgs args, ulong salt, ulong timestampMs)
    {
        var amounts = LimitAmounts(args);
        return Sign(args.TokenId, args.Side, amounts.MakerAmount, amounts.TakerAmount, args.Version, args.NegRisk, args.Expiration,
            args.Metadata, args.BuilderCode, salt, timestampMs);
    }

    /// <summary>Builds a market order; throws when a FOK cannot be priced from the book ("no match").</summary>
    public PolymarketSignedOrder BuildMarket(PolymarketMarketOrderArgs args, ulong salt, ulong timestampMs)
    {
        if (args.OrderType is not (OrderType.Fok or OrderType.Fak))
        {
            throw new ArgumentException("Market orders are FOK or FAK.", nameof(args));
        }

        var price = MarketPrice(args) ?? throw new InvalidOperationException("no match");
        var amounts = MarketAmounts(args, price);
        // Market orders never expire.
        return Sign(args.TokenId, args.Side, amounts.MakerAmount, amounts.TakerAmount, args.Version, args.NegRisk, 0,
            args.Metadata, args.BuilderCode, salt, timestampMs);
    }

    /// <summary>Signs exact base units for ExchangeV3.</summary>
    public PolymarketSignedOrder BuildFromAmounts(PolymarketExactAmountOrderArgs args, ulong salt, ulong timestampMs)
    {
        if (args.MakerAmount == 0 || args.TakerAmount == 0)
        {
            throw new ArgumentException("Exact amounts must be positive.", nameof(args));
        }

        return Sign(args.TokenId, args.Side, args.MakerAmount, args.TakerAmount, PolymarketExchangeVersion.V3, args.NegRisk, args.Expiration,
            args.Metadata, args.BuilderCode, salt, timestampMs);
    }

    private PolymarketSignedOrder Sign(string tokenId, Side side, ulong maker, ulong taker, PolymarketExchangeVersion version, bool negRisk,
        ulong expiration, string? metadata, string? builderCode, ulong salt, ulong timestampMs)
    {
        if (salt > PolymarketOrder.MaxSalt)
        {
            throw new ArgumentOutOfRangeException(nameof(salt), salt, "The salt must fit a JSON number (≤ 2^53−1).");
        }

        var makerAddress = _funder ?? _signer.Address;
        // Type 3: the wallet is both maker and signer; the EOA only signs the ERC-7739 wrapper.
        var signerAddress = SignatureType == PolymarketSignatureType.Poly1271 ? makerAddress : _signer.Address;
        var order = new PolymarketOrder(salt, makerAddress, signerAddress, tokenId, maker, taker, side, SignatureType, timestampMs, expiration,
            metadata ?? PolymarketOrder.ZeroBytes32, builderCode ?? _defaultBuilderCode ?? PolymarketOrder.ZeroBytes32);
        return PolymarketOrderSigner.Sign(order, PolymarketExchangeDomain.For(ChainId, version, negRisk), _signer);
    }

    private static double Adjust(double amount, double price, PolymarketFeeContext fees) =>
        PolymarketFeeAdjustment.AdjustBuyAmount(amount, price, PolymarketJsNumber.FromDecimal(fees.UserUsdcBalance), fees.FeeRate, fees.FeeExponent,
            fees.BuilderTakerFeeRate, fees.FeeSlippagePercent);

    private static void EnsurePriceValid(decimal price, TickSize tick)
    {
        if (price < tick.Value || price > 1m - tick.Value)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, $"Invalid price, min: {tick} - max: {1m - tick.Value}.");
        }
    }
}
