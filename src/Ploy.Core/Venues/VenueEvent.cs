namespace Ploy.Core.Venues;

/// <summary>News about our account from the venue (the user channel on Polymarket).</summary>
public abstract record VenueEvent(DateTimeOffset Time);
