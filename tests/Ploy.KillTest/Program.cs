using System.Globalization;
using System.Reflection;
using Ploy.KillTest;

// scripts/kill-test.sh [--kills N] [--seed S] [--ploy path/to/ploy.dll] [--work-dir DIR] [--answer-delay-ms MS] [--keep]
// Exit 0 when every check passed, 1 on a finding, 2 on bad arguments.
var kills = 200;
var seed = 1;
var answerDelay = 300;
string? ploy = null;
string? workDirectory = null;
var keep = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    try
    {
        switch (args[i])
        {
            case "--kills":
                kills = int.Parse(Next(), CultureInfo.InvariantCulture);
                break;
            case "--seed":
                seed = int.Parse(Next(), CultureInfo.InvariantCulture);
                break;
            case "--answer-delay-ms":
                answerDelay = int.Parse(Next(), CultureInfo.InvariantCulture);
                break;
            case "--ploy":
                ploy = Next();
                break;
            case "--work-dir":
                workDirectory = Next();
                break;
            case "--keep":
                keep = true;
                break;
            default:
                throw new ArgumentException($"unknown option {args[i]}");
        }
    }
    catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
    {
        await Console.Error.WriteLineAsync($"kill-test: {ex.Message} Usage: kill-test [--kills N] [--seed S] [--ploy ploy.dll] [--work-dir DIR] [--answer-delay-ms MS] [--keep]");
        return 2;
    }
}

var root = typeof(KillTestRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PloyRepositoryRoot").Value!;
var options = new KillTestOptions
{
    Kills = kills,
    Seed = seed,
    AnswerDelay = TimeSpan.FromMilliseconds(answerDelay),
    PloyDll = Path.GetFullPath(ploy ?? Path.Combine(root, "artifacts", "bin", "Ploy.Cli", "release", "ploy.dll")),
    WorkDirectory = workDirectory,
};
if (options.Validate() is { Count: > 0 } problems)
{
    await Console.Error.WriteLineAsync("kill-test: " + string.Join(" ", problems));
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var result = await KillTestRunner.RunAsync(options, Console.Out, stop.Token);
if (result.Passed && !keep && workDirectory is null)
{
    Directory.Delete(result.WorkDirectory, recursive: true);
}

return result.Passed ? 0 : 1;
