namespace Ploy.Core.Venues;

/// <summary>Expected venue and network outcomes, kept apart so that a Cloudflare block is never read as an order reject.</summary>
public enum VenueErrorKind
{
    Transport,
    Timeout,
    RateLimited,
    Unauthorized,
    Rejected,
    InsufficientBalance,
    NotFound,

    /// <summary>Matching-engine restart (HTTP 425) or a cancel-only/post-only window (503).</summary>
    VenueUnavailable,

    /// <summary>Cloudflare 403: the host is blocked, the order was not judged.</summary>
    Blocked,
    Decode,
}
