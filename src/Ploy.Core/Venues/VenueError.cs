namespace Ploy.Core.Venues;

/// <summary>A venue failure as a value: kind, whether trying again later can help, and when.</summary>
public sealed record VenueError(VenueErrorKind Kind, string Message, bool IsTransient, TimeSpan? RetryAfter = null)
{
    public override string ToString() => $"{Kind}: {Message}";
}
