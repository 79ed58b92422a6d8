using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Ploy.KillTest;

/// <summary>
/// The crash test of issue 4: one <c>ploy venue</c> process for the whole run; the engine (<c>ploy paper --venue-url</c>)
/// started against it with the same key and journal, SIGKILLed at a seeded random moment — many while an order's answer
/// is on its way — and restarted, again and again; then one clean run that reconciles and exits; then an audit of the
/// journal against the venue (<see cref="KillTestAudit"/>).
/// </summary>
public static partial class KillTestRunner
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    public static async Task<KillTestResult> RunAsync(KillTestOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        var work = options.WorkDirectory ?? Directory.CreateTempSubdirectory("ploy-kill-").FullName;
        Directory.CreateDirectory(work);
        var dataDirectory = Path.Combine(work, "data");
        var engineLog = Path.Combine(work, "engine.log");
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var figures = new KillTestFigures { Seed = options.Seed, AnswerDelay = options.AnswerDelay };
        var random = new Random(options.Seed);

        await output.WriteLineAsync($"kill test: seed {options.Seed}, {options.Kills} kills, answers held {options.AnswerDelay.TotalMilliseconds:0} ms; work directory {work}");
        await using var venue = PloyChild.Start(options.PloyDll, work, Path.Combine(work, "venue.log"),
        [
            "venue", "--port", "0", "--seed", Invariant(options.Seed), "--speed", Invariant(options.VenueSpeed), "--admin-token", token,
            "--starting-cash", Invariant(options.StartingCash), "--log-level", "Warning",
        ]);
        var listening = await WithinAsync(venue.WaitForLineAsync(ListeningLine()), StartLimit, venue, "ploy venue did not start", cancellationToken);
        using var admin = new VenueAdmin(new Uri(listening.Match.Groups["url"].Value), token);
        await admin.SetAnswerDelayAsync(options.AnswerDelay, cancellationToken);

        string? address = null;
        var engineArguments = new List<string>
        {
            "paper", "--venue-url", listening.Match.Groups["url"].Value, "--data-dir", dataDirectory, "--log-level", "Warning",
        };
        for (var kill = 0; kill < options.Kills; kill++)
        {
            // Every random choice of the cycle is drawn up front, so a seed replays the same plan.
            var aimAtSubmit = random.NextDouble() < options.MidSubmitShare;
            var randomAt = TimeSpan.FromMilliseconds(random.NextDouble() * options.RandomKillWithin.TotalMilliseconds);
            var insideAnswer = TimeSpan.FromMilliseconds(random.NextDouble() * options.AnswerDelay.TotalMilliseconds * 0.7);
            // Let the engine trade a little first (open orders, fills), then kill inside the n-th held answer.
            var nthSubmit = random.Next(1, 7);

            await using var engine = PloyChild.Start(options.PloyDll, work, engineLog, engineArguments);
            var ready = engine.WaitForLineAsync(ReadyLine());
            var signedIn = engine.WaitForLineAsync(SignedInLine());
            var exited = engine.WaitForExitAsync(cancellationToken);
            if (aimAtSubmit)
            {
                if (await Task.WhenAny(ready, exited, Task.Delay(StartLimit, cancellationToken)) == ready)
                {
                    address ??= (await signedIn).Match.Groups["address"].Value;
                    if (await WaitForHeldAnswerAsync(admin, address, engine, nthSubmit, options.SubmitWaitLimit, cancellationToken))
                    {
                        await Task.Delay(insideAnswer, cancellationToken);
                        figures.KillsAimedMidSubmit++;
                    }
                }
            }
            else
            {
                await Task.WhenAny(exited, Task.Delay(randomAt, cancellationToken));
            }

            var readyBeforeKill = ready.IsCompletedSuccessfully;
            var selfExited = engine.HasExited;
            engine.Kill();
            await engine.WaitForExitAsync(cancellationToken);
            if (selfExited)
            {
                // The engine must never stop by itself here: a failed start-up (or a crash) is a finding.
                figures.Failures.Add($"cycle {kill + 1}: the engine exited by itself with code {engine.ExitCode}: {engine.Tail(5)}");
                continue;
            }

            figures.Kills++;
            if (readyBeforeKill)
            {
                Record(figures, engine, await ready);
            }
            else
            {
                figures.KillsDuringStartup++;
            }

            if (signedIn.IsCompletedSuccessfully)
            {
                address ??= (await signedIn).Match.Groups["address"].Value;
            }

            if ((kill + 1) % 25 == 0)
            {
                await output.WriteLineAsync($"  {kill + 1} kills ({figures.KillsAimedMidSubmit} aimed at a held answer, {figures.StartsWithInFlight} starts found in-flight intents)");
            }
        }

        // A quiet venue for the comparison: no trading that the last run could not see. Then one clean run reconciles
        // what the last kill left and exits normally.
        await admin.FreezeAsync(cancellationToken);
        await admin.SetAnswerDelayAsync(TimeSpan.Zero, cancellationToken);
        var summaryPath = Path.Combine(work, "final-summary.json");
        await using (var final = PloyChild.Start(options.PloyDll, work, engineLog,
            [.. engineArguments, "--duration", $"{(int)options.FinalRun.TotalSeconds}s", "--venue-admin-token", token, "--summary-json", summaryPath]))
        {
            var finalExit = final.WaitForExitAsync(cancellationToken);
            if (await Task.WhenAny(finalExit, Task.Delay(options.FinalRun + StartLimit, cancellationToken)) != finalExit)
            {
                figures.Failures.Add("the final run did not exit in time: " + final.Tail(5));
            }
            else
            {
                var ready = final.WaitForLineAsync(ReadyLine());
                if (ready.IsCompletedSuccessfully)
                {
                    Record(figures, final, await ready);
                }

                var signedIn = final.WaitForLineAsync(SignedInLine());
                if (signedIn.IsCompletedSuccessfully)
                {
                    address ??= (await signedIn).Match.Groups["address"].Value;
                }

                figures.FinalRunExitCode = final.ExitCode;
                if (final.ExitCode != 0)
                {
                    figures.Failures.Add($"the final run exited with code {final.ExitCode} (its own ledger check failed or it could not start): {final.Tail(8)}");
                }
            }
        }

        if (address is null)
        {
            figures.Failures.Add("the engine never signed in: nothing to audit");
        }
        else
        {
            var venueAudit = await admin.AuditAsync(address, cancellationToken);
            var journal = await JournalAudit.ReadAsync(Path.Combine(dataDirectory, "ploy.db"), cancellationToken);
            KillTestAudit.Check(options, venueAudit, journal, figures);
        }

        if (options.Kills >= 10 && figures.StartsWithInFlight == 0)
        {
            // Without this the test could pass without ever crashing where it matters.
            figures.Failures.Add("no restart found an in-flight intent: no kill landed mid-submit, so the test proved nothing about that window");
        }

        var result = new KillTestResult(figures, work);
        await output.WriteAsync(result.Render());
        return result;
    }

    private static void Record(KillTestFigures figures, PloyChild engine, SeenLine ready)
    {
        // Recovery: from the process start to "reconciled, ready to trade" — runtime start, sign-in, journal load, reconciliation.
        figures.RecoveryMilliseconds.Add(Stopwatch.GetElapsedTime(engine.StartedAt, ready.At).TotalMilliseconds);
        figures.ReconcileMilliseconds.Add(double.Parse(ready.Match.Groups["ms"].Value, CultureInfo.InvariantCulture));
        var inFlight = int.Parse(ready.Match.Groups["inflight"].Value, CultureInfo.InvariantCulture);
        figures.InFlightAtStart += inFlight;
        figures.StartsWithInFlight += inFlight > 0 ? 1 : 0;
        figures.StartsAdoptingVenueLedger += int.Parse(ready.Match.Groups["differences"].Value, CultureInfo.InvariantCulture) > 0 ? 1 : 0;
    }

    /// <summary>
    /// Polls the venue until it holds the answer to our <paramref name="nth"/> order POST since this call (the order is in
    /// the book, the answer not yet sent); false when that does not happen within <paramref name="limit"/>.
    /// </summary>
    private static async Task<bool> WaitForHeldAnswerAsync(VenueAdmin admin, string address, PloyChild engine, int nth, TimeSpan limit,
        CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var (_, before) = await admin.AnswersAsync(address, cancellationToken);
        while (waited.Elapsed < limit && !engine.HasExited)
        {
            var (inFlight, delayed) = await admin.AnswersAsync(address, cancellationToken);
            if (inFlight > 0 && delayed - before >= nth)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }

        return false;
    }

    private static async Task<SeenLine> WithinAsync(Task<SeenLine> line, TimeSpan limit, PloyChild child, string what, CancellationToken cancellationToken)
    {
        if (await Task.WhenAny(line, Task.Delay(limit, cancellationToken)) != line)
        {
            throw new InvalidOperationException($"{what} within {limit.TotalSeconds:0} s: {child.Tail(10)}");
        }

        return await line;
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"listening on (?<url>http://\S+?)/? ")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"^Signed in to \S+ as (?<address>0x[0-9a-fA-F]{40}) ")]
    private static partial Regex SignedInLine();

    [GeneratedRegex(@"^Reconciled in (?<ms>[0-9.]+) ms: (?<inflight>\d+) in-flight intents.* (?<differences>\d+) ledger differences")]
    private static partial Regex ReadyLine();
}
