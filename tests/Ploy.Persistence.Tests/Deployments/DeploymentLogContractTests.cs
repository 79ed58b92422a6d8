using Ploy.Persistence.Deployments;

namespace Ploy.Persistence.Tests.Deployments;

/// <summary>
/// What the deployments log must do on every provider: the scripts record through it, <c>ploy deployments</c> reads
/// it, and <c>ploy_deployments_total</c> counts its rows by result text.
/// </summary>
public abstract class DeploymentLogContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private IDeploymentLog? _log;

    protected IDeploymentLog Log => _log ?? throw new InvalidOperationException("Store not created.");

    /// <summary>Creates an empty store and migrates it to the given version (null: all).</summary>
    protected abstract Task CreateStoreAsync(long? toVersion);

    protected abstract Task DropStoreAsync();

    protected abstract Task MigrateAsync();

    protected abstract IDeploymentLog OpenLog();

    /// <summary>Runs raw SQL on the store from a separate connection.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>The query behind <c>ploy_deployments_total</c> (Ploy.Cli's DatabaseProbe), result label to count.</summary>
    protected abstract Task<IReadOnlyDictionary<string, long>> CountByResultAsync();

    public async Task InitializeAsync()
    {
        await CreateStoreAsync(null);
        _log = OpenLog();
    }

    public async Task DisposeAsync()
    {
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }

        await DropStoreAsync();
    }

    [Fact]
    public async Task RecordAsync_EveryField_ReadsBackEqualWithIncreasingIds()
    {
        var failed = new DeploymentRecord(DeploymentKind.Deploy, "1.2.0-abc", Start, Start.AddSeconds(9.5), DeploymentResult.RolledBack)
        {
            PreviousVersion = "1.1.0-def",
            CommitTime = Start.AddHours(-3),
            Detail = "health gate failed after 4.1 s",
            DurationsMs = new Dictionary<string, long>(StringComparer.Ordinal) { ["rollback"] = 2300, ["restore"] = 6400, ["total"] = 9500 },
        };
        var manual = new DeploymentRecord(DeploymentKind.Rollback, "1.0.0", Start.AddMinutes(5), Start.AddMinutes(5).AddSeconds(3), DeploymentResult.Succeeded);

        var first = await Log.RecordAsync(failed, CancellationToken.None);
        var second = await Log.RecordAsync(manual, CancellationToken.None);
        var read = await Log.ReadAsync(limit: null, CancellationToken.None);

        Assert.True(second > first);
        Assert.Equal([failed with { Id = first }, manual with { Id = second }], read);
        Assert.Null(read[1].CommitTime);
        Assert.Empty(read[1].DurationsMs);
    }

    [Fact]
    public async Task ReadAsync_Limit_ReturnsTheNewestOldestFirst()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Log.RecordAsync(new DeploymentRecord(DeploymentKind.Deploy, $"v{i}", Start.AddHours(i), Start.AddHours(i).AddSeconds(4), DeploymentResult.Succeeded), CancellationToken.None);
        }

        var newest = await Log.ReadAsync(limit: 2, CancellationToken.None);
        var none = await Log.ReadAsync(limit: 0, CancellationToken.None);

        Assert.Equal(["v4", "v5"], newest.Select(r => r.Version));
        Assert.Empty(none);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.ReadAsync(limit: -1, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_RecordWrittenLate_TakesItsPlaceByStartTime()
    {
        await Log.RecordAsync(new DeploymentRecord(DeploymentKind.Deploy, "second", Start.AddHours(2), Start.AddHours(2).AddSeconds(4), DeploymentResult.Succeeded), CancellationToken.None);
        await Log.RecordAsync(new DeploymentRecord(DeploymentKind.Deploy, "first", Start.AddHours(1), Start.AddHours(1).AddSeconds(4), DeploymentResult.Failed), CancellationToken.None);

        var all = await Log.ReadAsync(limit: null, CancellationToken.None);
        var newest = await Log.ReadAsync(limit: 1, CancellationToken.None);

        Assert.Equal(["first", "second"], all.Select(r => r.Version));
        Assert.Equal("second", Assert.Single(newest).Version);
    }

    [Fact]
    public async Task RecordAsync_EachResult_IsCountedUnderItsMetricLabel()
    {
        foreach (var result in new[] { DeploymentResult.Succeeded, DeploymentResult.Succeeded, DeploymentResult.RolledBack, DeploymentResult.Failed, DeploymentResult.Rejected })
        {
            await Log.RecordAsync(new DeploymentRecord(DeploymentKind.Deploy, "v", Start, Start.AddSeconds(1), result), CancellationToken.None);
        }

        var counts = await CountByResultAsync();

        Assert.Equal(
            new Dictionary<string, long>(StringComparer.Ordinal) { ["succeeded"] = 2, ["rolled_back"] = 1, ["failed"] = 1, ["rejected"] = 1 },
            counts);
    }

    [Fact]
    public async Task ReadAsync_RowFromBeforeMigration2_ReadsAsADeploy()
    {
        await Log.DisposeAsync();
        _log = null;
        await DropStoreAsync();
        await CreateStoreAsync(toVersion: 1);
        await ExecuteSqlAsync("INSERT INTO deployments (version, started_at, result) VALUES ('0.9.0', '2026-11-20T10:00:00.0000000Z', 'succeeded')");
        await MigrateAsync();
        _log = OpenLog();

        var read = Assert.Single(await Log.ReadAsync(limit: null, CancellationToken.None));

        Assert.Equal(DeploymentKind.Deploy, read.Kind);
        Assert.Equal("0.9.0", read.Version);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), read.StartedAt);
        Assert.Equal(DeploymentResult.Succeeded, read.Result);
        Assert.Null(read.FinishedAt);
        Assert.Null(read.PreviousVersion);
    }
}
