namespace Ploy.Hosting.Control;

/// <summary>One of our orders as the engine tracks it.</summary>
public sealed record OrderView(
    string ClientOrderId,
    string? VenueOrderId,
    string Token,
    string Side,
    decimal Price,
    decimal Size,
    decimal Filled,
    string Status,
    string? Strategy,
    DateTimeOffset CreatedAt);
