namespace Ploy.Hosting.Logging;

/// <summary>
/// Scrubs known secret values out of text that did not come through <see cref="SecretString"/> (an exception
/// message from a third-party library, a URL, a response body) before it is logged or printed.
/// </summary>
public sealed class Redactor
{
    /// <summary>Shorter values are not scrubbed: replacing every "1" in a line would destroy it and protect nothing.</summary>
    public const int MinimumLength = 4;

    private readonly string[] _secrets;

    public Redactor(IEnumerable<SecretString?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);

        // Longest first, so a secret that contains another is replaced whole.
        _secrets = secrets
            .Where(s => s is not null && s.Reveal().Length >= MinimumLength)
            .Select(s => s!.Reveal())
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, SecretString.Redacted, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
