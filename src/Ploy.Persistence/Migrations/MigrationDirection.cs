namespace Ploy.Persistence.Migrations;

public enum MigrationDirection
{
    /// <summary>Applying up scripts.</summary>
    Up,

    /// <summary>Running down scripts (rollback).</summary>
    Down,
}
