using Ploy.Core.Markets;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Venues.Simulated.Ledger;

namespace Ploy.Venues.Simulated.Matching;

/// <summary>An order as the matching engine holds it. Only the engine mutates it.</summary>
public sealed class EngineOrder
{
    internal EngineOrder(VenueOrderId id, AccountId account, BinaryMarket market, OrderIntent intent, long sequence, DateTimeOffset createdAt)
    {
        Id = id;
        Account = account;
        Market = market;
        Token = intent.Token;
        Outcome = market.OutcomeOf(intent.Token);
        Side = intent.Side;
        Price = intent.LimitPrice;
        Type = intent.Type;
        PostOnly = intent.PostOnly;
        ExpiresAt = intent.ExpiresAt;
        OriginalSize = intent.Quantity.Shares;
        Remaining = OriginalSize;
        Sequence = sequence;
        CreatedAt = createdAt;
    }

    public VenueOrderId Id { get; }

    public AccountId Account { get; }

    public BinaryMarket Market { get; }

    public TokenId Token { get; }

    public Outcome Outcome { get; }

    public Side Side { get; }

    /// <summary>Limit price in the order's own token.</summary>
    public Price Price { get; }

    public OrderType Type { get; }

    public bool PostOnly { get; }

    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Arrival order: time priority within a price.</summary>
    public long Sequence { get; }

    public DateTimeOffset CreatedAt { get; }

    public decimal OriginalSize { get; }

    public decimal Remaining { get; internal set; }

    public decimal Filled => OriginalSize - Remaining;

    public VenueOrderStatus Status { get; internal set; } = VenueOrderStatus.Live;

    /// <summary>True while it rests on a book.</summary>
    public bool IsResting => Level is not null;

    /// <summary>pUSD still reserved for a buy (limit × remaining while it lives).</summary>
    internal decimal ReservedCash { get; set; }

    internal PriceLevel? Level { get; set; }

    internal EngineOrder? Previous { get; set; }

    internal EngineOrder? Next { get; set; }

    /// <summary>The order as <see cref="IVenue"/> reports it.</summary>
    public VenueOrderState ToState() =>
        new(Id, Token, Side, Price, Size.Of(OriginalSize), Size.Of(Filled), Status);
}
