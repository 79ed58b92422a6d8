using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Ploy.Hosting.Logging;

/// <summary>
/// A credential (API secret, private key, bearer token). <see cref="ToString()"/>, string formatting, logging
/// and JSON serialization all print <see cref="Redacted"/>; only <see cref="Reveal"/> gives the value, and
/// callers use it at the one place the secret is needed (a signature, a header).
/// </summary>
[JsonConverter(typeof(SecretStringJsonConverter))]
[TypeConverter(typeof(SecretStringTypeConverter))]
public sealed class SecretString : IFormattable
{
    public const string Redacted = "[redacted]";

    private readonly string _value;

    public SecretString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    public bool IsEmpty => _value.Length == 0;

    /// <summary>The secret itself. Never log or serialize the result.</summary>
    public string Reveal() => _value;

    /// <summary>Compares with a candidate in time independent of where they differ (hashes first, so length leaks nothing either).</summary>
    public bool FixedTimeEquals(string? candidate)
    {
        if (candidate is null)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(_value), expected);
        SHA256.HashData(Encoding.UTF8.GetBytes(candidate), actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    public override string ToString() => Redacted;

    public string ToString(string? format, IFormatProvider? formatProvider) => Redacted;
}
