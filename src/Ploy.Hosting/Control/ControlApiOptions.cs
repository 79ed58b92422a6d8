using System.Globalization;
using System.Net;
using Ploy.Hosting.Logging;

namespace Ploy.Hosting.Control;

/// <summary>
/// The HTTP listener that serves the control API, health and metrics (config section "Control"). Loopback by
/// default: the API can halt trading, so exposing it is a decision someone makes explicitly.
/// </summary>
public sealed class ControlApiOptions
{
    public const int MaxReasonLength = 500;

    public string ListenAddress { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 8080;

    /// <summary>Needed to listen on anything but loopback.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>
    /// The bearer token every mutating call must present (from config, environment or the secrets directory).
    /// Without one, mutations are refused (403); reads still work.
    /// </summary>
    public SecretString? BearerToken { get; set; }

    /// <summary>Every problem, each naming its key under <paramref name="section"/>.</summary>
    public IReadOnlyList<string> Validate(string section = "Control")
    {
        var problems = new List<string>();
        if (!IPAddress.TryParse(ListenAddress, out var address))
        {
            problems.Add($"{section}:ListenAddress '{ListenAddress}' is not an IP address.");
        }
        else if (!IPAddress.IsLoopback(address) && !AllowRemote)
        {
            problems.Add($"{section}:ListenAddress {ListenAddress} is not loopback; set {section}:AllowRemote=true to expose the control API.");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"{section}:Port must be between 0 and 65535, was {Port.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (AllowRemote && (BearerToken is null || BearerToken.Reveal().Length < 16))
        {
            problems.Add($"{section}:BearerToken must be set (at least 16 characters) when {section}:AllowRemote is true.");
        }

        return problems;
    }
}
