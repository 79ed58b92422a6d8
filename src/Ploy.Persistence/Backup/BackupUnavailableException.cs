namespace Ploy.Persistence.Backup;

/// <summary>A required pre-migration backup could not be taken, so nothing was changed.</summary>
public sealed class BackupUnavailableException : InvalidOperationException
{
    public BackupUnavailableException()
    {
    }

    public BackupUnavailableException(string message)
        : base(message)
    {
    }

    public BackupUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
