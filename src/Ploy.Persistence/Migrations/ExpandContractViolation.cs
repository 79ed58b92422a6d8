namespace Ploy.Persistence.Migrations;

/// <summary>One statement of an up script that the expand/contract check refuses, and why.</summary>
/// <param name="Version">The migration's version.</param>
/// <param name="Name">The migration's name.</param>
/// <param name="Kind">What the statement does, e.g. <c>DROP COLUMN</c>.</param>
/// <param name="Statement">The offending statement, comments removed and whitespace collapsed.</param>
/// <param name="Reason">Why it is refused and what would make it acceptable.</param>
public sealed record ExpandContractViolation(long Version, string Name, string Kind, string Statement, string Reason)
{
    public override string ToString() => $"{Version:D4}_{Name}: {Kind} in `{Statement}`: {Reason}";
}
