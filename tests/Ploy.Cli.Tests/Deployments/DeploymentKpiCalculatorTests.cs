using Ploy.Cli.Deployments;
using Ploy.Persistence.Deployments;

namespace Ploy.Cli.Tests.Deployments;

public sealed class DeploymentKpiCalculatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_NoRecords_RatesAndTimesAreUnknown()
    {
        var kpis = DeploymentKpiCalculator.Compute([], T0);

        Assert.Equal(0, kpis.Deploys);
        Assert.Null(kpis.SuccessRate);
        Assert.Null(kpis.ChangeFailureRate);
        Assert.Null(kpis.MeanTimeToRestoreSeconds);
        Assert.Null(kpis.MeanLeadTimeSeconds);
        Assert.Equal(0, kpis.DeploysPerDay);
    }

    [Fact]
    public void Compute_MixedHistory_CountsRatesAndRestoreTimes()
    {
        DeploymentRecord[] records =
        [
            Deploy("1", T0, 5, DeploymentResult.Succeeded, toHealthyMs: 3000),
            Deploy("2", T0.AddHours(1), 9, DeploymentResult.RolledBack),
            Deploy("3", T0.AddHours(2), 2, DeploymentResult.Rejected),
            Deploy("4", T0.AddHours(3), 5, DeploymentResult.Succeeded, toHealthyMs: 5000),
            new(DeploymentKind.Rollback, "1", T0.AddHours(4), T0.AddHours(4).AddSeconds(3), DeploymentResult.RolledBack),
        ];

        var kpis = DeploymentKpiCalculator.Compute(records, T0.AddDays(10));

        Assert.Equal((3, 2, 1, 0, 1, 1), (kpis.Deploys, kpis.Succeeded, kpis.RolledBack, kpis.Failed, kpis.Rejected, kpis.ManualRollbacks));
        Assert.Equal(2.0 / 3, kpis.SuccessRate!.Value, 9);
        Assert.Equal(1.0 / 3, kpis.ChangeFailureRate!.Value, 9);
        Assert.Equal(9, kpis.MeanTimeToRestoreSeconds);
        Assert.Equal(4, kpis.MeanDeployToHealthySeconds);
        Assert.Equal(0.3, kpis.DeploysPerDay, 9);
        Assert.Equal(2.1, kpis.DeploysPerWeek, 9);
    }

    [Fact]
    public void Compute_FailedWithoutRollback_IsRestoredByTheNextHealthyRecord()
    {
        DeploymentRecord[] records =
        [
            Deploy("1", T0, 30, DeploymentResult.Failed),
            Deploy("2", T0.AddMinutes(2), 5, DeploymentResult.Rejected), // changes nothing: not a restore
            Deploy("3", T0.AddMinutes(10), 5, DeploymentResult.Succeeded),
        ];

        var kpis = DeploymentKpiCalculator.Compute(records, T0.AddDays(1));

        Assert.Equal(605, kpis.MeanTimeToRestoreSeconds);
        Assert.Equal(0, kpis.Unrestored);
    }

    [Fact]
    public void Compute_FailedAndNothingHealthyAfter_IsCountedAsUnrestored()
    {
        var kpis = DeploymentKpiCalculator.Compute([Deploy("1", T0, 5, DeploymentResult.Succeeded), Deploy("2", T0.AddHours(1), 30, DeploymentResult.Failed)], T0.AddDays(1));

        Assert.Null(kpis.MeanTimeToRestoreSeconds);
        Assert.Equal(1, kpis.Unrestored);
        Assert.Equal(0.5, kpis.ChangeFailureRate);
    }

    [Fact]
    public void Compute_LeadTime_OnlySuccessfulDeploysWithACommitTime()
    {
        DeploymentRecord[] records =
        [
            Deploy("1", T0, 10, DeploymentResult.Succeeded) with { CommitTime = T0.AddHours(-1) },
            Deploy("2", T0.AddHours(1), 10, DeploymentResult.Succeeded) with { CommitTime = T0.AddHours(-2) },
            Deploy("3", T0.AddHours(2), 10, DeploymentResult.Succeeded) with { CommitTime = T0.AddHours(1) },
            Deploy("4", T0.AddHours(3), 10, DeploymentResult.RolledBack) with { CommitTime = T0.AddDays(-30) },
            Deploy("5", T0.AddHours(4), 10, DeploymentResult.Succeeded),
        ];

        var kpis = DeploymentKpiCalculator.Compute(records, T0.AddDays(1));

        // Commit to finish: 3610 s, 3 h 10 s = 10810 s, 1 h 10 s = 3610 s.
        Assert.Equal(3, kpis.LeadTimeSamples);
        Assert.Equal((3610 + 10810 + 3610) / 3.0, kpis.MeanLeadTimeSeconds!.Value, 9);
        Assert.Equal(3610, kpis.MedianLeadTimeSeconds);
    }

    [Fact]
    public void Compute_ShortHistory_IsNotExtrapolated()
    {
        var records = Enumerable.Range(0, 3).Select(i => Deploy($"{i}", T0.AddMinutes(i * 10), 5, DeploymentResult.Succeeded)).ToList();

        var kpis = DeploymentKpiCalculator.Compute(records, T0.AddHours(1));

        Assert.Equal(3, kpis.DeploysPerDay);
        Assert.Equal(3, kpis.DeploysPerWeek);
    }

    // Properties over seeded random histories: each seed is a reproducible case.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compute_AnyHistory_CountsAddUpAndRatesAreComplementary(int seed)
    {
        var records = RandomHistory(new Random(seed));

        var kpis = DeploymentKpiCalculator.Compute(records, T0.AddDays(60));

        Assert.Equal(kpis.Deploys, kpis.Succeeded + kpis.RolledBack + kpis.Failed);
        Assert.Equal(records.Count, kpis.Deploys + kpis.Rejected + kpis.ManualRollbacks);
        if (kpis.Deploys > 0)
        {
            Assert.InRange(kpis.SuccessRate!.Value, 0, 1);
            Assert.Equal(1, kpis.SuccessRate!.Value + kpis.ChangeFailureRate!.Value, 9);
        }

        Assert.True(kpis.MeanTimeToRestoreSeconds is null or >= 0);
        Assert.InRange(kpis.Unrestored, 0, kpis.Failed);
        Assert.True(kpis.DeploysPerWeek >= kpis.DeploysPerDay);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compute_AnyOrder_GivesTheSameKpis(int seed)
    {
        var random = new Random(seed);
        var records = RandomHistory(random);
        var shuffled = records.OrderBy(_ => random.Next()).ToList();

        Assert.Equal(DeploymentKpiCalculator.Compute(records, T0.AddDays(60)), DeploymentKpiCalculator.Compute(shuffled, T0.AddDays(60)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compute_RejectedDeploysAndManualRollbacks_LeaveRatesAndFrequencyAlone(int seed)
    {
        var random = new Random(seed);
        var deploys = RandomHistory(random).Where(r => r.Kind == DeploymentKind.Deploy && r.Result is DeploymentResult.Succeeded or DeploymentResult.RolledBack).ToList();
        var noise = Enumerable.Range(0, random.Next(1, 6)).Select(i => i % 2 == 0
            ? Deploy("r", T0.AddDays(1 + random.Next(0, 40)), 1, DeploymentResult.Rejected)
            : new DeploymentRecord(DeploymentKind.Rollback, "m", T0.AddDays(1 + random.Next(0, 40)), T0.AddDays(41), DeploymentResult.RolledBack));

        var without = DeploymentKpiCalculator.Compute(deploys, T0.AddDays(60));
        var with = DeploymentKpiCalculator.Compute([.. deploys, .. noise], T0.AddDays(60));

        Assert.Equal(without.SuccessRate, with.SuccessRate);
        Assert.Equal(without.ChangeFailureRate, with.ChangeFailureRate);
        Assert.Equal(without.DeploysPerDay, with.DeploysPerDay);
        Assert.Equal(without.MeanTimeToRestoreSeconds, with.MeanTimeToRestoreSeconds);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compute_EveryFailureRolledBack_MttrIsTheMeanOfTheirDurations(int seed)
    {
        var random = new Random(seed);
        var durations = new List<double>();
        var records = new List<DeploymentRecord>();
        for (var i = 0; i < random.Next(1, 30); i++)
        {
            var seconds = random.Next(1, 600);
            var failedDeploy = random.Next(2) == 0;
            records.Add(Deploy($"{i}", T0.AddHours(i), seconds, failedDeploy ? DeploymentResult.RolledBack : DeploymentResult.Succeeded));
            if (failedDeploy)
            {
                durations.Add(seconds);
            }
        }

        var kpis = DeploymentKpiCalculator.Compute(records, T0.AddDays(60));

        Assert.Equal(durations.Count == 0 ? null : durations.Average(), kpis.MeanTimeToRestoreSeconds);
    }

    [Theory]
    [InlineData(7, 14)]
    [InlineData(20, 30)]
    [InlineData(1, 365)]
    public void Compute_LongWindow_FrequencyIsDeploysOverDays(int deploys, int days)
    {
        var records = Enumerable.Range(0, deploys).Select(i => Deploy($"{i}", T0.AddHours(i), 5, DeploymentResult.Succeeded)).ToList();

        var kpis = DeploymentKpiCalculator.Compute(records, T0.AddDays(days));

        Assert.Equal((double)deploys / days, kpis.DeploysPerDay, 9);
        Assert.Equal(7.0 * deploys / days, kpis.DeploysPerWeek, 9);
    }

    public static TheoryData<int> Seeds() => [1, 2, 3, 5, 8, 13, 21, 34, 55, 89];

    private static DeploymentRecord Deploy(string version, DateTimeOffset started, double seconds, DeploymentResult result, long? toHealthyMs = null) =>
        new(DeploymentKind.Deploy, version, started, started.AddSeconds(seconds), result)
        {
            DurationsMs = toHealthyMs is { } ms ? new Dictionary<string, long>(StringComparer.Ordinal) { [DeploymentDurations.ToHealthy] = ms } : new Dictionary<string, long>(StringComparer.Ordinal),
        };

    private static List<DeploymentRecord> RandomHistory(Random random)
    {
        var records = new List<DeploymentRecord>();
        var at = T0;
        for (var i = 0; i < random.Next(0, 40); i++)
        {
            at = at.AddMinutes(random.Next(1, 3000));
            var kind = random.Next(8) == 0 ? DeploymentKind.Rollback : DeploymentKind.Deploy;
            var result = kind == DeploymentKind.Rollback
                ? DeploymentResult.RolledBack
                : (DeploymentResult)random.Next(0, 4);
            records.Add(new DeploymentRecord(kind, $"v{i}", at, at.AddSeconds(random.Next(1, 300)), result)
            {
                Id = i + 1,
                CommitTime = random.Next(2) == 0 ? at.AddHours(-random.Next(1, 100)) : null,
            });
        }

        return records;
    }
}
