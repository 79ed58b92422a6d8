namespace Ploy.Persistence.Migrations;

/// <summary>
/// What a migrate or rollback run is about to do, decided under the migration lock and handed to the
/// before-changes hook (expand/contract check, backup) before anything changes.
/// </summary>
/// <param name="Direction">Up (migrate) or down (rollback).</param>
/// <param name="FromVersion">The highest applied version before this run (0: nothing applied).</param>
/// <param name="ToVersion">The version the run ends at.</param>
/// <param name="Steps">The migrations in the order they will run.</param>
/// <param name="AppliedVersions">Every version applied before this run, ascending.</param>
public sealed record MigrationPlan(
    MigrationDirection Direction,
    long FromVersion,
    long ToVersion,
    IReadOnlyList<Migration> Steps,
    IReadOnlyList<long> AppliedVersions);
