namespace Ploy.Hosting.Control;

/// <summary>A holding in one outcome token.</summary>
public sealed record PositionView(
    string Token,
    string? Market,
    string? Outcome,
    decimal Size,
    decimal AveragePrice,
    decimal RealizedPnlUsd,
    decimal UnrealizedPnlUsd);
