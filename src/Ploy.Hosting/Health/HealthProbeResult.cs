namespace Ploy.Hosting.Health;

/// <summary>The outcome of <see cref="HealthProbeClient.ProbeAsync"/>.</summary>
/// <param name="Healthy">An attempt got HTTP 200 and a body that does not say "degraded".</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="LastStatusCode">HTTP status of the last attempt that got an answer, if any.</param>
public sealed record HealthProbeResult(bool Healthy, int Attempts, int? LastStatusCode);
