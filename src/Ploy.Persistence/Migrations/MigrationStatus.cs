namespace Ploy.Persistence.Migrations;

/// <summary>One migration as the database and this build see it.</summary>
public sealed record MigrationStatus(long Version, string Name, MigrationState State, DateTimeOffset? AppliedAt);
