namespace Ploy.Execution.Gateway;

public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Capacity of the command queue; writers wait when it is full (backpressure, never drops).</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>How long an order may stay unknown or unacknowledged before the venue is asked about it.</summary>
    public TimeSpan ResolveUnknownAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long an order the venue has never heard of stays unknown before it is declared never placed.</summary>
    public TimeSpan NotFoundGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Fencing epoch of this writer (from leadership; 0 for a single instance).</summary>
    public long FencingEpoch { get; set; }

    /// <summary>Terminal orders are kept in memory this long, then only in the journal.</summary>
    public TimeSpan KeepTerminalOrders { get; set; } = TimeSpan.FromHours(1);
}
