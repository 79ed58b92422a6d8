namespace Ploy.Core.Orders;

public enum OrderStatus
{
    /// <summary>Built from an intent that passed the risk gate; not yet durable.</summary>
    Created,

    /// <summary>Durably written to the journal with its precomputed venue id. Safe to send.</summary>
    Journaled,

    /// <summary>Sent; no answer yet.</summary>
    Submitted,

    /// <summary>The venue accepted it and it rests (or is being matched).</summary>
    Acknowledged,

    PartiallyFilled,
    Filled,
    Cancelled,
    Rejected,
    Expired,

    /// <summary>The submit's outcome is unknown (timeout, reset, 5xx). Never re-sent; resolved by venue id.</summary>
    Unknown,
}
