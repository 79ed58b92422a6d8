using Ploy.Core.Venues;

namespace Ploy.Venues.Simulated.Matching;

/// <summary>The engine's answer to a submit: the order (accepted, in its state after matching) or the error.</summary>
public sealed record EngineSubmitResult(EngineOrder? Order, VenueError? Error)
{
    public bool IsAccepted => Error is null;

    public static EngineSubmitResult Accepted(EngineOrder order) => new(order, null);

    public static EngineSubmitResult Rejected(string reason) => new(null, new VenueError(VenueErrorKind.Rejected, reason, IsTransient: false));

    public static EngineSubmitResult InsufficientBalance(string reason) =>
        new(null, new VenueError(VenueErrorKind.InsufficientBalance, reason, IsTransient: false));
}
