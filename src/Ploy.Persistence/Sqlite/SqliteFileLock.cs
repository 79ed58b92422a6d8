namespace Ploy.Persistence.Sqlite;

/// <summary>
/// An exclusive lock on <c>&lt;db&gt;.migrate-lock</c> next to the database, held across a whole migration run
/// (backup included) so two processes never migrate one file at once. On Unix .NET takes it with
/// <c>flock</c> when a file is opened with <see cref="FileShare.None"/>, so the kernel releases it if the
/// holder dies. The file stays behind on purpose: deleting a lock file races with the next taker.
/// </summary>
internal sealed class SqliteFileLock : IAsyncDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;

    private SqliteFileLock(FileStream stream) => _stream = stream;

    public static string LockPathFor(string databasePath) => Path.GetFullPath(databasePath) + ".migrate-lock";

    /// <summary>Waits (polling, the lock has no blocking form in .NET) until the lock is free or cancellation.</summary>
    public static async Task<SqliteFileLock> AcquireAsync(string databasePath, CancellationToken cancellationToken)
    {
        var lockPath = LockPathFor(databasePath);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new SqliteFileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                // Held by another migrator (sharing violation); try again shortly.
                await Task.Delay(RetryInterval, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
