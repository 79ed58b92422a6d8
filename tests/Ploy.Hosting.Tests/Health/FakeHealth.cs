using Ploy.Hosting.Health;

namespace Ploy.Hosting.Tests.Health;

/// <summary>Probes and readiness facts the test sets; each probe can answer, fail, throw or hang.</summary>
internal sealed class FakeHealth : IHealthProbes, IReadinessSource
{
    public Func<CancellationToken, Task<bool>> Database { get; set; } = _ => Task.FromResult(true);

    public Func<CancellationToken, Task<bool>> Venue { get; set; } = _ => Task.FromResult(true);

    public OrderQueueStatus Queue { get; set; } = new(0, TimeSpan.Zero);

    public ReadinessFacts Readiness { get; set; } = new(Reconciled: true, BooksTrusted: true, DatabaseWritable: true, Halted: false);

    public static Func<CancellationToken, Task<bool>> Hang { get; } = ct => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => true, TaskScheduler.Default);

    /// <summary>Ignores its token entirely (the worst driver).</summary>
    public static Func<CancellationToken, Task<bool>> HangDeaf { get; } = _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously).Task;

    public Task<bool> ProbeDatabaseAsync(CancellationToken cancellationToken) => Database(cancellationToken);

    public Task<bool> ProbeVenueAsync(CancellationToken cancellationToken) => Venue(cancellationToken);

    public OrderQueueStatus GetOrderQueue() => Queue;

    public ReadinessFacts GetReadiness() => Readiness;
}
