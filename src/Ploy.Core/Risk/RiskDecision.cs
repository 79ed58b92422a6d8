namespace Ploy.Core.Risk;

/// <summary>The risk gate's answer: allowed, or denied with a reason (a value, counted and logged once).</summary>
public readonly record struct RiskDecision(bool Allowed, RiskDenialReason? Reason, string? Detail)
{
    public static readonly RiskDecision Allow = new(true, null, null);

    public static RiskDecision Deny(RiskDenialReason reason, string detail) => new(false, reason, detail);

    public override string ToString() => Allowed ? "allowed" : $"denied: {Reason} ({Detail})";
}
