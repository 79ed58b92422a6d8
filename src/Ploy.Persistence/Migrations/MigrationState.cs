namespace Ploy.Persistence.Migrations;

public enum MigrationState
{
    /// <summary>Known to this build and not yet applied.</summary>
    Pending,

    /// <summary>Applied, and the script still has the checksum it was applied with.</summary>
    Applied,

    /// <summary>Applied, but this build's script differs: someone edited a released migration.</summary>
    ChecksumMismatch,

    /// <summary>Applied by a newer build (N-1 compatibility: an older binary may run on a newer schema).</summary>
    AppliedUnknown,
}
