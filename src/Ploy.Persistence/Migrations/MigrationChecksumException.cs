namespace Ploy.Persistence.Migrations;

/// <summary>An applied migration's script was changed after it ran; the schema can no longer be trusted to match.</summary>
public sealed class MigrationChecksumException : InvalidOperationException
{
    public MigrationChecksumException()
    {
    }

    public MigrationChecksumException(string message)
        : base(message)
    {
    }

    public MigrationChecksumException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
