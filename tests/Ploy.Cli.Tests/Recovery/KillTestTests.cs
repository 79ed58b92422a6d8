using Ploy.KillTest;
using Xunit.Abstractions;

namespace Ploy.Cli.Tests.Recovery;

/// <summary>
/// The crash test of scripts/kill-test.sh with a small count: the built <c>ploy</c> runs as its own process against
/// <c>ploy venue</c>, is SIGKILLed at seeded random moments (many inside an order's held answer) and restarted; then the
/// journal is audited against the venue.
/// </summary>
public sealed class KillTestTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ploy-kill-test-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task RunAsync_RepeatedSigkills_NothingSentTwiceNoFillLostPositionsMatch()
    {
        var options = new KillTestOptions
        {
            Kills = 12,
            Seed = 7,
            PloyDll = Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, "ploy.dll"),
            WorkDirectory = _work,
        };
        using var report = new StringWriter();

        var result = await KillTestRunner.RunAsync(options, report, CancellationToken.None);
        output.WriteLine(report.ToString());

        var figures = result.Figures;
        Assert.True(result.Passed, string.Join(Environment.NewLine, figures.Failures));
        Assert.Equal(options.Kills, figures.Kills);
        Assert.True(figures.StartsWithInFlight > 0, "no restart found an intent left in flight: no kill landed mid-submit");
        Assert.True(figures.VenueOrders > 0 && figures.VenueTrades > 0, "nothing traded");
        Assert.Equal(0, figures.Duplicates);
        Assert.Equal(0, figures.OrphanOrders);
        Assert.Equal(0, figures.LostFills);
        Assert.Equal(0, figures.ExtraFills);
        Assert.Equal(0, figures.UnresolvedIntents);
        Assert.Equal(0, figures.PositionMismatches);
        Assert.Equal(0, figures.FinalRunExitCode);
    }
}
