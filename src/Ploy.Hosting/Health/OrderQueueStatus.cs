namespace Ploy.Hosting.Health;

/// <summary>
/// The order gateway's command queue. <paramref name="OldestCommandAge"/> is how long the oldest command still in the
/// queue has waited (zero when empty): it is what <c>order_queue.latency_ms</c> reports, the delay a new order
/// would see before the single writer gets to it.
/// </summary>
public sealed record OrderQueueStatus(int Length, TimeSpan OldestCommandAge);
