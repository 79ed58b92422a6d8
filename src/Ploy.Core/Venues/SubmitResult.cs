namespace Ploy.Core.Venues;

/// <summary>The answer to a submit. Fills are not here: they arrive as <see cref="VenueFillEvent"/>s.</summary>
public sealed record SubmitResult(SubmitOutcome Outcome, VenueOrderState? State, VenueError? Error)
{
    public static SubmitResult Accepted(VenueOrderState state) => new(SubmitOutcome.Accepted, state, null);

    public static SubmitResult Rejected(VenueError error) => new(SubmitOutcome.Rejected, null, error);

    public static SubmitResult Unknown(VenueError error) => new(SubmitOutcome.Unknown, null, error);
}
