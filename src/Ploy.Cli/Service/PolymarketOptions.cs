using Ploy.Hosting.Logging;

namespace Ploy.Cli.Service;

/// <summary>
/// Polymarket credentials and endpoints (config section <c>Polymarket</c>). Needed in live mode only. The secrets
/// belong in the environment or the secrets directory, never in the config file; they are <see cref="SecretString"/>s,
/// so nothing prints them.
/// </summary>
public sealed class PolymarketOptions
{
    public const string Section = "Polymarket";

    public Uri ClobUrl { get; set; } = new("https://clob.polymarket.com");

    public int ChainId { get; set; } = 137;

    /// <summary>0 EOA, 1 proxy, 2 Safe, 3 deposit wallet.</summary>
    public int SignatureType { get; set; }

    public string? FunderAddress { get; set; }

    public SecretString? PrivateKey { get; set; }

    public SecretString? ApiKey { get; set; }

    public SecretString? ApiSecret { get; set; }

    public SecretString? ApiPassphrase { get; set; }

    /// <summary>Every problem, each naming its full key; credentials are required only in live mode.</summary>
    public IReadOnlyList<string> Validate(TradingMode mode)
    {
        var problems = new List<string>();
        if (SignatureType is < 0 or > 3)
        {
            problems.Add($"{Section}:{nameof(SignatureType)} must be 0 (EOA), 1 (proxy), 2 (Safe) or 3 (deposit wallet), was {SignatureType}.");
        }

        if (ClobUrl.Scheme != Uri.UriSchemeHttps && !ClobUrl.IsLoopback)
        {
            problems.Add($"{Section}:{nameof(ClobUrl)} must be https (or loopback), was {ClobUrl}.");
        }

        if (mode == TradingMode.Live)
        {
            void Required(SecretString? value, string key)
            {
                if (value is null || value.IsEmpty)
                {
                    problems.Add($"{Section}:{key} is required in live mode (set it in the secrets directory as {Section}__{key}, or PLOY__{Section.ToUpperInvariant()}__{key.ToUpperInvariant()}).");
                }
            }

            Required(PrivateKey, nameof(PrivateKey));
            Required(ApiKey, nameof(ApiKey));
            Required(ApiSecret, nameof(ApiSecret));
            Required(ApiPassphrase, nameof(ApiPassphrase));
        }

        return problems;
    }
}
