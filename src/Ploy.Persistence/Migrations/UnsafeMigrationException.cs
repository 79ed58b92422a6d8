namespace Ploy.Persistence.Migrations;

/// <summary>The expand/contract check refused a pending migration; nothing was applied.</summary>
public sealed class UnsafeMigrationException : InvalidOperationException
{
    public UnsafeMigrationException(IReadOnlyList<ExpandContractViolation> violations)
        : base(Describe(violations)) =>
        Violations = violations;

    public UnsafeMigrationException()
        : this([])
    {
    }

    public UnsafeMigrationException(string message)
        : base(message) =>
        Violations = [];

    public UnsafeMigrationException(string message, Exception innerException)
        : base(message, innerException) =>
        Violations = [];

    public IReadOnlyList<ExpandContractViolation> Violations { get; }

    private static string Describe(IReadOnlyList<ExpandContractViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        return "Refused by the expand/contract check; nothing was applied:" + Environment.NewLine +
            string.Join(Environment.NewLine, violations.Select(v => "  - " + v));
    }
}
