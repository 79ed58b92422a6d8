namespace Ploy.Core.Venues;

public sealed record VenueFillEvent(VenueFill Fill) : VenueEvent(Fill.Time);
