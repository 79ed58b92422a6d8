namespace Ploy.VenueServer;

/// <summary>The venue's operating mode, switched by <c>POST /admin/mode</c>.</summary>
public enum VenueMode
{
    /// <summary>Everything allowed.</summary>
    Normal,

    /// <summary>Matching-engine restart window: order endpoints answer 425.</summary>
    Restart,

    /// <summary>New orders refused with 503; cancels allowed.</summary>
    CancelOnly,

    /// <summary>Only post-only orders accepted (others 503); cancels allowed.</summary>
    PostOnly,
}
