using System.Globalization;
using System.Text.RegularExpressions;

namespace Ploy.Persistence.Migrations;

/// <summary>
/// The expand/contract safety check. During a rolling deploy the previous release still runs against the
/// migrated schema, so an up script must only expand it. Statements that drop or rewrite what that release
/// reads or writes — DROP TABLE/VIEW, DROP COLUMN, RENAME, ALTER COLUMN … TYPE, SET NOT NULL, DROP DEFAULT, ADD COLUMN …
/// NOT NULL without DEFAULT, DROP CONSTRAINT, DROP INDEX of a unique (or unknown) index, TRUNCATE — are
/// refused unless the migration is a marked contract step:
/// <code>-- ploy:contract after=N</code>
/// in its header comments, where N is the first schema version whose release no longer reads what the step
/// removes. Such a step passes only when the database is already at version N or later (that release is
/// deployed, so no older one is left), or when it is empty (nothing deployed can be reading it).
/// The scan is static and deliberately conservative; a false alarm costs a marker, a miss costs an outage.
/// </summary>
public static partial class ExpandContractChecker
{
    /// <summary>The header marker, e.g. <c>-- ploy:contract after=4</c>.</summary>
    public const string MarkerPrefix = "ploy:contract";

    /// <summary>Checks the migrations a run is about to apply against the version deployed now.</summary>
    /// <param name="steps">The pending migrations the run will apply.</param>
    /// <param name="deployedVersion">The highest applied version before the run (0: empty database).</param>
    /// <param name="allMigrations">Every migration of this build (to know which indexes were created unique).</param>
    public static IReadOnlyList<ExpandContractViolation> Check(
        IReadOnlyList<Migration> steps,
        long deployedVersion,
        IReadOnlyList<Migration> allMigrations)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(allMigrations);
        ArgumentOutOfRangeException.ThrowIfNegative(deployedVersion);
        var violations = new List<ExpandContractViolation>();
        foreach (var migration in steps.OrderBy(m => m.Version))
        {
            violations.AddRange(Check(migration, deployedVersion, allMigrations));
        }

        return violations;
    }

    /// <summary>Checks one migration; see the class remarks for the rules.</summary>
    public static IReadOnlyList<ExpandContractViolation> Check(Migration migration, long deployedVersion, IReadOnlyList<Migration> allMigrations)
    {
        ArgumentNullException.ThrowIfNull(migration);
        ArgumentNullException.ThrowIfNull(allMigrations);
        var findings = FindContractions(migration, allMigrations);
        var marker = ReadMarker(migration.Up, out var markerError);
        if (markerError is not null)
        {
            return [new ExpandContractViolation(migration.Version, migration.Name, "marker", MarkerPrefix, markerError)];
        }

        if (marker is { } after && after >= migration.Version)
        {
            return
            [
                new ExpandContractViolation(
                    migration.Version,
                    migration.Name,
                    "marker",
                    $"{MarkerPrefix} after={after}",
                    $"after= must name an earlier version than the migration itself ({migration.Version})."),
            ];
        }

        if (findings.Count == 0)
        {
            return [];
        }

        if (marker is null)
        {
            return
            [
                .. findings.Select(f => new ExpandContractViolation(
                    migration.Version,
                    migration.Name,
                    f.Kind,
                    f.Statement,
                    $"the previous release still {f.Breaks}. Expand first (add the new shape, ship a release that stops using the old one), " +
                    $"then contract in a later migration marked '-- {MarkerPrefix} after=<first version no longer using it>'.")),
            ];
        }

        // An empty database has no release reading it; otherwise the release that stopped using it must be deployed.
        if (deployedVersion == 0 || deployedVersion >= marker.Value)
        {
            return [];
        }

        return
        [
            .. findings.Select(f => new ExpandContractViolation(
                migration.Version,
                migration.Name,
                f.Kind,
                f.Statement,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"contract step allowed only once the deployed schema is at version {marker.Value} or later (it is at {deployedVersion}); " +
                    $"migrate to {marker.Value} and finish that release's rollout first (ploy db migrate --to {marker.Value})."))),
        ];
    }

    /// <summary>
    /// The marker's <c>after</c> version, or null when the header has none. Only the leading comment block counts,
    /// so a marker cannot hide below the first statement. A malformed marker is an error, never ignored.
    /// </summary>
    public static long? ReadMarker(string up, out string? error)
    {
        ArgumentNullException.ThrowIfNull(up);
        error = null;
        foreach (var raw in up.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!line.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var comment = line[2..].Trim();
            if (!comment.StartsWith(MarkerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = MarkerLine().Match(comment);
            if (!match.Success || !long.TryParse(match.Groups["after"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var after) || after <= 0)
            {
                error = $"malformed marker '{line}': write '-- {MarkerPrefix} after=<version>' with a positive version.";
                return null;
            }

            return after;
        }

        return null;
    }

    private static List<Finding> FindContractions(Migration migration, IReadOnlyList<Migration> allMigrations)
    {
        var findings = new List<Finding>();
        Dictionary<string, bool>? uniqueIndexes = null;
        foreach (var statement in SqlScript.Split(migration.Up))
        {
            var code = statement.Code;
            void Add(string kind, string breaks) => findings.Add(new Finding(kind, statement.Text, breaks));

            if (DropTable().IsMatch(code))
            {
                Add("DROP TABLE", "reads and writes that table");
            }

            if (DropView().IsMatch(code))
            {
                Add("DROP VIEW", "may read that view");
            }

            if (Truncate().IsMatch(code))
            {
                Add("TRUNCATE", "reads those rows");
            }

            if (AlterViewRename().IsMatch(code))
            {
                Add("ALTER VIEW … RENAME", "reads the view by its old name");
            }

            if (DropIndex().Match(code) is { Success: true } dropIndex)
            {
                uniqueIndexes ??= IndexUniqueness(migration, allMigrations);
                foreach (var name in dropIndex.Groups["names"].Value.Split(','))
                {
                    var key = NormalizeName(name);
                    if (!uniqueIndexes.TryGetValue(key, out var unique))
                    {
                        Add("DROP INDEX", $"may rely on index '{key}' (not created by this build's migrations, so it may back a unique constraint)");
                    }
                    else if (unique)
                    {
                        Add("DROP INDEX", $"relies on unique index '{key}' (ON CONFLICT and duplicate protection)");
                    }
                }
            }

            if (AlterTable().Match(code) is { Success: true } alter)
            {
                foreach (var action in SplitActions(alter.Groups["actions"].Value))
                {
                    if (RenameAction().IsMatch(action))
                    {
                        Add(RenameColumnAction().IsMatch(action) ? "RENAME COLUMN" : "ALTER TABLE … RENAME", "reads it by its old name");
                    }
                    else if (DropConstraintAction().IsMatch(action))
                    {
                        Add("DROP CONSTRAINT", "may rely on that constraint (a unique key behind ON CONFLICT, a check it never repeats)");
                    }
                    else if (DropColumnAction().IsMatch(action))
                    {
                        Add("DROP COLUMN", "reads and writes that column");
                    }
                    else if (AlterTypeAction().IsMatch(action))
                    {
                        Add("ALTER COLUMN … TYPE", "reads and writes that column with its current type");
                    }
                    else if (SetNotNullAction().IsMatch(action))
                    {
                        Add("SET NOT NULL", "may write rows without that column");
                    }
                    else if (DropDefaultAction().IsMatch(action))
                    {
                        Add("DROP DEFAULT", "may insert rows that rely on that default");
                    }
                    else if (AddColumnAction().IsMatch(action) && NotNull().IsMatch(action) && !DefaultOrGenerated().IsMatch(action))
                    {
                        Add("ADD COLUMN … NOT NULL without DEFAULT", "inserts rows without the new column");
                    }
                }
            }
        }

        return findings;
    }

    /// <summary>Index name → created UNIQUE, from every up script up to and including this migration.</summary>
    private static Dictionary<string, bool> IndexUniqueness(Migration migration, IReadOnlyList<Migration> allMigrations)
    {
        var indexes = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var earlier in allMigrations.Where(m => m.Version < migration.Version).OrderBy(m => m.Version).Append(migration))
        {
            foreach (var statement in SqlScript.Split(earlier.Up))
            {
                if (CreateIndex().Match(statement.Code) is { Success: true } create)
                {
                    indexes[NormalizeName(create.Groups["name"].Value)] = create.Groups["unique"].Success;
                }
            }
        }

        return indexes;
    }

    private static string NormalizeName(string name)
    {
        var trimmed = name.Trim();
        var dot = trimmed.LastIndexOf('.');
        trimmed = dot >= 0 ? trimmed[(dot + 1)..] : trimmed;
        return trimmed.StartsWith('"') ? trimmed.Trim('"') : trimmed.ToLowerInvariant();
    }

    /// <summary>ALTER TABLE actions are comma-separated; commas inside parentheses belong to one action.</summary>
    private static List<string> SplitActions(string actions)
    {
        var result = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < actions.Length; i++)
        {
            switch (actions[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    result.Add(actions[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        result.Add(actions[start..].Trim());
        return result;
    }

    [GeneratedRegex(@"^ploy:contract\s+after\s*=\s*(?<after>[0-9]+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MarkerLine();

    [GeneratedRegex(@"\bDROP\s+TABLE\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DropTable();

    [GeneratedRegex(@"\bDROP\s+(?:MATERIALIZED\s+)?VIEW\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DropView();

    [GeneratedRegex(@"\bTRUNCATE\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Truncate();

    [GeneratedRegex(@"\bALTER\s+(?:MATERIALIZED\s+)?VIEW\b.*\bRENAME\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlterViewRename();

    [GeneratedRegex(@"\bDROP\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?(?<names>[^\s,]+(?:\s*,\s*[^\s,]+)*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DropIndex();

    [GeneratedRegex(@"\bCREATE\s+(?<unique>UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?<name>[^\s(]+)\s+ON\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreateIndex();

    [GeneratedRegex(@"\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?\S+\s+(?<actions>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlterTable();

    [GeneratedRegex(@"^RENAME\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RenameAction();

    [GeneratedRegex(@"^RENAME\s+(?:COLUMN\s+)?(?!TO\b|CONSTRAINT\b)\S+\s+TO\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RenameColumnAction();

    [GeneratedRegex(@"^DROP\s+CONSTRAINT\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DropConstraintAction();

    // PostgreSQL accepts DROP without COLUMN.
    [GeneratedRegex(@"^DROP\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DropColumnAction();

    [GeneratedRegex(@"^ALTER\s+(?:COLUMN\s+)?\S+\s+(?:SET\s+DATA\s+)?TYPE\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlterTypeAction();

    [GeneratedRegex(@"^ALTER\s+(?:COLUMN\s+)?\S+\s+SET\s+NOT\s+NULL\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SetNotNullAction();

    [GeneratedRegex(@"^ALTER\s+(?:COLUMN\s+)?\S+\s+DROP\s+DEFAULT\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DropDefaultAction();

    [GeneratedRegex(@"^ADD\s+(?!CONSTRAINT\b|PRIMARY\b|UNIQUE\b|CHECK\b|FOREIGN\b|EXCLUDE\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddColumnAction();

    [GeneratedRegex(@"\bNOT\s+NULL\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotNull();

    [GeneratedRegex(@"\b(?:DEFAULT|GENERATED)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefaultOrGenerated();

    private readonly record struct Finding(string Kind, string Statement, string Breaks);
}
