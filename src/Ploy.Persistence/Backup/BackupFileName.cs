using System.Globalization;

namespace Ploy.Persistence.Backup;

/// <summary>Backup names: <c>&lt;base&gt;.&lt;UTC yyyyMMddTHHmmssZ&gt;.v&lt;from&gt;.&lt;extension&gt;</c>, sortable by time.</summary>
internal static class BackupFileName
{
    public static string For(string basePath, DateTimeOffset now, long fromVersion, string extension) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{basePath}.{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.v{fromVersion}.{extension}");
}
