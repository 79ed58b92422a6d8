namespace Ploy.Venues.Simulated.Matching;

/// <summary>
/// The orders resting at one price of one token side, oldest first: an intrusive doubly linked list through
/// <see cref="EngineOrder"/>, so adding, filling and cancelling allocate nothing and removal is O(1).
/// </summary>
internal sealed class PriceLevel(int index)
{
    public int Index { get; } = index;

    public EngineOrder? Head { get; private set; }

    public EngineOrder? Tail { get; private set; }

    /// <summary>Total remaining shares resting here.</summary>
    public decimal Total { get; set; }

    public bool IsEmpty => Head is null;

    public void Append(EngineOrder order)
    {
        order.Level = this;
        order.Previous = Tail;
        order.Next = null;
        if (Tail is null)
        {
            Head = order;
        }
        else
        {
            Tail.Next = order;
        }

        Tail = order;
        Total += order.Remaining;
    }

    public void Remove(EngineOrder order)
    {
        if (order.Previous is null)
        {
            Head = order.Next;
        }
        else
        {
            order.Previous.Next = order.Next;
        }

        if (order.Next is null)
        {
            Tail = order.Previous;
        }
        else
        {
            order.Next.Previous = order.Previous;
        }

        Total -= order.Remaining;
        order.Level = null;
        order.Previous = null;
        order.Next = null;
    }
}
