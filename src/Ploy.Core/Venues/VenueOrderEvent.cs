namespace Ploy.Core.Venues;

/// <summary>An order's status changed at the venue (cancelled, expired, matched).</summary>
public sealed record VenueOrderEvent(VenueOrderState State, DateTimeOffset At) : VenueEvent(At);
