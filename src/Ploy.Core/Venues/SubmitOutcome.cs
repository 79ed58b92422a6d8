namespace Ploy.Core.Venues;

public enum SubmitOutcome
{
    /// <summary>The venue took the order (it may already have matched, or been killed unfilled).</summary>
    Accepted,

    /// <summary>The venue refused it; nothing happened.</summary>
    Rejected,

    /// <summary>We cannot know whether the venue took it. Never re-send; resolve by venue id.</summary>
    Unknown,
}
