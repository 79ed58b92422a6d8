using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Core.Journal;

/// <summary>
/// The durable intent written before an order is sent: our id, the precomputed venue id, the exact payload
/// and the fencing epoch of the writer (a stale leader's writes are refused by epoch).
/// </summary>
public sealed record OrderRecord(
    ClientOrderId Id,
    VenueOrderId VenueId,
    OrderIntent Intent,
    string? Payload,
    long FencingEpoch,
    DateTimeOffset CreatedAt);
