namespace Ploy.Core.Orders;

/// <summary>Venue time-in-force. GTC/GTD rest on the book; FOK/FAK are marketable only.</summary>
public enum OrderType
{
    /// <summary>Good till cancelled.</summary>
    Gtc,

    /// <summary>Good till a date (expires as a cancel).</summary>
    Gtd,

    /// <summary>Fill or kill: all at once or nothing.</summary>
    Fok,

    /// <summary>Fill and kill: what fills now, the rest cancelled.</summary>
    Fak,
}
