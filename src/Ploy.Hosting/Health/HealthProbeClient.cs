using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Ploy.Hosting.Health;

/// <summary>
/// Probes an instance's <c>/health</c> the way a deploy script or container health check would (so none needs curl):
/// GET with a per-attempt timeout, retried after a pause, one short line per attempt.
/// </summary>
public sealed class HealthProbeClient
{
    public static readonly Uri DefaultUrl = new("http://127.0.0.1:8080/health");

    private readonly HttpClient _http;
    private readonly TimeProvider _timeProvider;
    private readonly TextWriter _output;

    public HealthProbeClient(HttpClient http, TimeProvider timeProvider, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(output);
        _http = http;
        _timeProvider = timeProvider;
        _output = output;
    }

    /// <param name="url">What to GET.</param>
    /// <param name="timeout">Limit of each attempt.</param>
    /// <param name="retries">Attempts after the first (0 = one attempt).</param>
    /// <param name="retryDelay">Pause between attempts.</param>
    /// <param name="cancellationToken">Stops the whole probe.</param>
    public async Task<HealthProbeResult> ProbeAsync(Uri url, TimeSpan timeout, int retries, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryDelay, TimeSpan.Zero);

        var attempts = retries + 1;
        int? lastStatus = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1 && retryDelay > TimeSpan.Zero)
            {
                await Task.Delay(retryDelay, _timeProvider, cancellationToken);
            }

            var start = _timeProvider.GetTimestamp();
            using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            string line;
            var healthy = false;
            try
            {
                using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseContentRead, linked.Token);
                lastStatus = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync(linked.Token);
                var status = StatusOf(body);
                healthy = response.StatusCode == HttpStatusCode.OK && status != "degraded";
                line = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}{(status is null ? string.Empty : " " + status)}");
            }
            catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                line = string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s");
            }
            catch (HttpRequestException ex)
            {
                line = $"failed: {ex.Message}";
            }

            var elapsed = _timeProvider.GetElapsedTime(start);
            await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"attempt {attempt}/{attempts}: {url} {line} ({elapsed.TotalMilliseconds:0} ms){(healthy ? " — healthy" : string.Empty)}"));
            if (healthy)
            {
                return new HealthProbeResult(true, attempt, lastStatus);
            }
        }

        await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"unhealthy after {attempts} attempt(s)"));
        return new HealthProbeResult(false, attempts, lastStatus);
    }

    /// <summary>The top-level "status" string of a JSON body, if there is one.</summary>
    private static string? StatusOf(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String
                ? status.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
