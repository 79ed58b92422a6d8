using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Testing;

/// <summary>
/// Builds a <see cref="Fill"/>. <see cref="For(Order)"/> copies the order's id, venue id, token and side; each
/// built fill gets a fresh trade id ("t-1", "t-2", …) unless one is set.
/// </summary>
public sealed class FillBuilder
{
    private int _sequence;
    private TradeId? _trade;
    private ClientOrderId _order = new("c-1");
    private VenueOrderId _venueOrder = new("0xorder-hash");
    private TokenId _token = new("token-yes");
    private Side _side = Side.Buy;
    private Price _price = Price.Of(0.50m);
    private Size _quantity = Size.Of(10m);
    private decimal _fee;
    private bool _isMaker;
    private DateTimeOffset _time = TestTime.Start;
    private SettlementStatus _settlement = SettlementStatus.Matched;

    /// <summary>A fill of <paramref name="order"/> at its limit price, for its whole remaining quantity.</summary>
    public static FillBuilder For(Order order) =>
        new FillBuilder()
            .ForOrder(order)
            .At(order.LimitPrice.Value)
            .WithQuantity(order.RemainingQuantity.Shares);

    public FillBuilder ForOrder(Order order)
    {
        _order = order.Id;
        _venueOrder = order.VenueId ?? new VenueOrderId($"0x{order.Id.Value}");
        _token = order.Token;
        _side = order.Side;
        return this;
    }

    public FillBuilder WithTrade(string tradeId)
    {
        _trade = new TradeId(tradeId);
        return this;
    }

    public FillBuilder WithToken(TokenId token)
    {
        _token = token;
        return this;
    }

    public FillBuilder WithSide(Side side)
    {
        _side = side;
        return this;
    }

    public FillBuilder At(decimal price)
    {
        _price = Price.Of(price);
        return this;
    }

    public FillBuilder WithQuantity(decimal shares)
    {
        _quantity = Size.Of(shares);
        return this;
    }

    public FillBuilder WithFee(decimal fee)
    {
        _fee = fee;
        return this;
    }

    public FillBuilder AsMaker(bool isMaker = true)
    {
        _isMaker = isMaker;
        return this;
    }

    public FillBuilder AtTime(DateTimeOffset time)
    {
        _time = time;
        return this;
    }

    public FillBuilder WithSettlement(SettlementStatus settlement)
    {
        _settlement = settlement;
        return this;
    }

    public Fill Build()
    {
        var trade = _trade ?? new TradeId($"t-{++_sequence}");
        return new Fill(trade, _order, _venueOrder, _token, _side, _price, _quantity, _fee, _isMaker, _time, _settlement);
    }
}
