namespace Ploy.Core.Venues;

public enum VenueOrderStatus
{
    /// <summary>Resting on the book.</summary>
    Live,

    /// <summary>Accepted, matching delayed by the venue.</summary>
    Delayed,

    /// <summary>Fully matched.</summary>
    Matched,

    /// <summary>Cancelled, or the unfilled rest of a FOK/FAK killed.</summary>
    Cancelled,

    Expired,
}
