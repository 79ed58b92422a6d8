namespace Ploy.Hosting.Control;

/// <summary>The engine at a glance (GET /api/status).</summary>
/// <param name="Mode">"paper" or "live".</param>
/// <param name="Venue">The venue's name.</param>
/// <param name="Paused">New intents are held.</param>
/// <param name="Halted">The kill switch is engaged.</param>
/// <param name="HaltReason">Why, when halted.</param>
/// <param name="OpenOrders">Orders resting on the venue.</param>
/// <param name="ExposureUsd">Gross exposure.</param>
/// <param name="DailyPnlUsd">PnL of the current trading day.</param>
/// <param name="AsOf">When the engine produced this view.</param>
public sealed record TradingStatusView(
    string Mode,
    string Venue,
    bool Paused,
    bool Halted,
    string? HaltReason,
    int OpenOrders,
    decimal ExposureUsd,
    decimal DailyPnlUsd,
    DateTimeOffset AsOf);
