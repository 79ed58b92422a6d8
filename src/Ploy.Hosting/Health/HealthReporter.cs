using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ploy.Hosting.Health;

/// <summary>
/// Runs the probes behind the health endpoints: each one timed, bounded by <see cref="HealthOptions.ProbeTimeout"/>
/// (a hung database is "down", never a hung <c>/health</c>), the database and venue probes in parallel.
/// </summary>
public sealed class HealthReporter
{
    /// <summary>The order queue is up while shorter than this (the review's rule).</summary>
    public const int OrderQueueLimit = 1000;

    private readonly IHealthProbes _probes;
    private readonly IReadinessSource _readiness;
    private readonly HealthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly long _started;

    public HealthReporter(IHealthProbes probes, IReadinessSource readiness, HealthOptions options, TimeProvider timeProvider, ILogger<HealthReporter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.ProbeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Health:ProbeTimeout must be positive.", nameof(options));
        }

        _probes = probes;
        _readiness = readiness;
        _options = options;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _started = timeProvider.GetTimestamp();
        Version = options.Version ?? DefaultVersion();
    }

    public string Version { get; }

    public long UptimeSeconds => (long)_timeProvider.GetElapsedTime(_started).TotalSeconds;

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var database = MeasureAsync("database", _probes.ProbeDatabaseAsync, cancellationToken);
        var venue = MeasureAsync("api_connection", _probes.ProbeVenueAsync, cancellationToken);
        var queue = CheckQueue();
        var checks = new HealthChecks(await database, await venue, queue);
        return new HealthReport(checks.AllUp ? HealthReport.Healthy : HealthReport.Degraded, Version, UptimeSeconds, checks);
    }

    public LivenessReport Live() => new("alive", UptimeSeconds);

    public ReadinessReport Ready()
    {
        ReadinessFacts facts;
        try
        {
            facts = _readiness.GetReadiness();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ReadinessReport(ReadinessReport.NotReady, "unknown", [$"readiness source failed: {ex.GetType().Name}"]);
        }

        var reasons = new List<string>();
        if (!facts.Reconciled)
        {
            reasons.Add("not reconciled with the venue");
        }

        if (!facts.BooksTrusted)
        {
            reasons.Add("order books not trusted");
        }

        if (!facts.DatabaseWritable)
        {
            reasons.Add("database not writable");
        }

        if (facts.Halted)
        {
            reasons.Add("trading halted");
        }

        if (facts.Role != ReadinessFacts.LeaderRole)
        {
            reasons.Add($"role is {facts.Role}");
        }

        return new ReadinessReport(reasons.Count == 0 ? ReadinessReport.Ready : ReadinessReport.NotReady, facts.Role, reasons);
    }

    private async Task<CheckResult> MeasureAsync(string check, Func<CancellationToken, Task<bool>> probe, CancellationToken cancellationToken)
    {
        var start = _timeProvider.GetTimestamp();
        using var probeCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? reason;
        try
        {
            // WaitAsync bounds the wait even if the probe ignores its token; the token then tells it to stop.
            var up = await probe(probeCancellation.Token).WaitAsync(_options.ProbeTimeout, _timeProvider, cancellationToken);
            reason = up ? null : "probe reported down";
        }
        catch (TimeoutException)
        {
            reason = $"no answer within {_options.ProbeTimeout}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reason = "probe cancelled";
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The type only: a driver's message can carry a connection string.
            reason = ex.GetType().Name;
        }
        finally
        {
            await probeCancellation.CancelAsync();
        }

        var latency = (long)_timeProvider.GetElapsedTime(start).TotalMilliseconds;
        if (reason is not null)
        {
            Log.HealthCheckDown(_logger, check, latency, reason);
            return new CheckResult(CheckResult.Down, latency);
        }

        return new CheckResult(CheckResult.Up, latency);
    }

    private CheckResult CheckQueue()
    {
        try
        {
            var queue = _probes.GetOrderQueue();
            var latency = (long)Math.Max(0, queue.OldestCommandAge.TotalMilliseconds);
            return new CheckResult(queue.Length < OrderQueueLimit ? CheckResult.Up : CheckResult.Down, latency);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HealthCheckDown(_logger, "order_queue", 0, ex.GetType().Name);
            return new CheckResult(CheckResult.Down, 0);
        }
    }

    private static string DefaultVersion()
    {
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(HealthReporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? version[..plus] : version;
    }
}
