namespace Ploy.Cli.Service;

/// <summary>
/// The secrets directory (config section <c>Secrets</c>, or <c>--secrets-dir</c>): one file per secret, named after its key
/// with <c>__</c> for <c>:</c> (e.g. <c>Polymarket__PrivateKey</c>), as Kubernetes and systemd credentials mount them.
/// Values from it override the config file and the environment.
/// </summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    public string? Directory { get; set; }
}
