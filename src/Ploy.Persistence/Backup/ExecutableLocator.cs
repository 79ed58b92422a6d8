using System.Globalization;

namespace Ploy.Persistence.Backup;

/// <summary>Finds a program in an ordered list of directories (PATH first); injectable so tests can hide one.</summary>
public sealed class ExecutableLocator
{
    /// <summary>Where Debian's PostgreSQL packages put their client binaries, one folder per major version.</summary>
    public const string DebianPostgresRoot = "/usr/lib/postgresql";

    public ExecutableLocator(IReadOnlyList<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        Directories = [.. directories.Where(d => !string.IsNullOrWhiteSpace(d))];
    }

    public IReadOnlyList<string> Directories { get; }

    /// <summary>PATH, then <c>/usr/lib/postgresql/&lt;major&gt;/bin</c> newest first (pg_dump must be at least the server's version).</summary>
    public static ExecutableLocator FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (Directory.Exists(DebianPostgresRoot))
        {
            directories.AddRange(Directory.GetDirectories(DebianPostgresRoot)
                .Select(d => (Directory: d, Major: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : -1))
                .Where(d => d.Major >= 0)
                .OrderByDescending(d => d.Major)
                .Select(d => Path.Combine(d.Directory, "bin")));
        }

        return new ExecutableLocator(directories);
    }

    /// <summary>The full path of the first executable file called <paramref name="name"/>, or null.</summary>
    public string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var directory in Directories)
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() ||
        (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
