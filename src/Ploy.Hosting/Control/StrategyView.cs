namespace Ploy.Hosting.Control;

/// <summary>A strategy the engine hosts.</summary>
public sealed record StrategyView(string Id, bool Enabled, string? Description);
