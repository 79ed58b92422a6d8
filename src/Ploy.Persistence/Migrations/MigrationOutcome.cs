namespace Ploy.Persistence.Migrations;

/// <summary>What a migrate or rollback run did.</summary>
/// <param name="Versions">The versions applied (migrate) or reverted (rollback), in the order they ran.</param>
/// <param name="BackupPath">The backup taken first, or null (nothing to do, nothing to lose, or backup skipped).</param>
public sealed record MigrationOutcome(IReadOnlyList<long> Versions, string? BackupPath);
