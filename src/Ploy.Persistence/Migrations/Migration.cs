using System.Security.Cryptography;
using System.Text;

namespace Ploy.Persistence.Migrations;

/// <summary>One numbered, reversible schema change of one provider.</summary>
public sealed record Migration
{
    public Migration(long version, string name, string up, string down)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(up);
        ArgumentException.ThrowIfNullOrWhiteSpace(down);
        Version = version;
        Name = name;
        Up = up;
        Down = down;
        Checksum = ComputeChecksum(up);
    }

    public long Version { get; }

    public string Name { get; }

    public string Up { get; }

    public string Down { get; }

    /// <summary>
    /// SHA-256 of the up script. Only the up script counts: it is what shaped the database, whereas a down
    /// script may be corrected after release without the applied schema changing.
    /// </summary>
    public string Checksum { get; }

    /// <summary>Hex SHA-256 of the script with line endings normalised, so a checkout with CRLF still matches.</summary>
    public static string ComputeChecksum(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var normalized = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
