namespace Ploy.Hosting.Control;

/// <summary>The optional body of pause and kill: <c>{"reason":"…"}</c>.</summary>
public sealed record ControlRequest(string? Reason);
