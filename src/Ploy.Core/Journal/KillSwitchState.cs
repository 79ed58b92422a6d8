namespace Ploy.Core.Journal;

/// <summary>The persisted halt: while halted, no new risk is taken; reduce-only exits stay allowed.</summary>
public sealed record KillSwitchState(bool Halted, string? Reason, DateTimeOffset ChangedAt);
