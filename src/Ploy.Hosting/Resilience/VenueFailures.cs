using Ploy.Core.Venues;

namespace Ploy.Hosting.Resilience;

/// <summary>Which venue errors say "the venue or the path to it is unwell" (and so count against a breaker).</summary>
public static class VenueFailures
{
    /// <summary>
    /// Transport, timeout and venue-unavailable errors, and any error flagged transient, are failures. A judgement
    /// on the order (rejected, insufficient balance, not found) is the venue working, never a failure.
    /// </summary>
    public static bool IsFailure(VenueError? error) => error is not null && error.Kind switch
    {
        VenueErrorKind.Rejected or VenueErrorKind.InsufficientBalance or VenueErrorKind.NotFound => false,
        VenueErrorKind.Transport or VenueErrorKind.Timeout or VenueErrorKind.VenueUnavailable => true,
        _ => error.IsTransient,
    };
}
