namespace Ploy.KillTest;

/// <summary>How one kill-test run goes: how many kills, the seed of every random choice, and the venue's settings.</summary>
public sealed record KillTestOptions
{
    /// <summary>SIGKILLs of the engine before the final, clean run.</summary>
    public int Kills { get; init; } = 200;

    /// <summary>Seeds when each kill lands and which kills aim at a submit; the venue's market uses it too.</summary>
    public int Seed { get; init; } = 1;

    /// <summary><c>ploy.dll</c> of the build under test (run as <c>dotnet ploy.dll …</c>).</summary>
    public required string PloyDll { get; init; }

    /// <summary>Where journals and logs go; a fresh temporary directory when null.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Share of kills that wait for an order POST whose answer the venue is holding, then kill inside it.</summary>
    public double MidSubmitShare { get; init; } = 0.6;

    /// <summary>How long the venue holds every order answer: the window a mid-submit kill lands in.</summary>
    public TimeSpan AnswerDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Other kills land at a uniformly random time in [0, this] after the process started (start-up included).</summary>
    public TimeSpan RandomKillWithin { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>A mid-submit kill that sees no submit for this long kills anyway (and is not counted as aimed).</summary>
    public TimeSpan SubmitWaitLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Simulated seconds per real second on the venue. 1, because the engine runs on the wall clock: at 60 the venue's
    /// markets run ahead of it by a round within a minute and the strategies stop trading (markets look not yet open).
    /// </summary>
    public double VenueSpeed { get; init; } = 1;

    /// <summary>pUSD the venue funds the engine's account with; the journal's cash is computed from it.</summary>
    public decimal StartingCash { get; init; } = 10_000m;

    /// <summary>Length of the final clean run that reconciles the last kill and exits normally.</summary>
    public TimeSpan FinalRun { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Problems with the options; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Kills < 1)
        {
            problems.Add("--kills must be at least 1.");
        }

        if (!File.Exists(PloyDll))
        {
            problems.Add($"--ploy {PloyDll}: no such file (build src/Ploy.Cli first).");
        }

        if (MidSubmitShare is < 0 or > 1 || double.IsNaN(MidSubmitShare))
        {
            problems.Add("--mid-submit-share must lie in [0, 1].");
        }

        if (AnswerDelay < TimeSpan.FromMilliseconds(20) || AnswerDelay > TimeSpan.FromSeconds(5))
        {
            problems.Add("--answer-delay-ms must lie in [20, 5000] (the engine's POST timeout is 10 s).");
        }

        return problems;
    }
}
