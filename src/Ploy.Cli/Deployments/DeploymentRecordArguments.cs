using System.Globalization;
using System.Text.RegularExpressions;
using Ploy.Persistence.Deployments;

namespace Ploy.Cli.Deployments;

/// <summary>Parses and checks the values of `ploy deployments record`; every problem is reported, each naming its option.</summary>
internal static partial class DeploymentRecordArguments
{
    public const int MaxDetailLength = 500;

    public static (DeploymentRecord? Record, IReadOnlyList<string> Problems) Parse(
        string? kind, string? version, string? result, string? started, string? finished, string? previous, string? commitTime, string? detail,
        IReadOnlyList<string> durations, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (!DeploymentText.TryParseKind(kind ?? "deploy", out var parsedKind))
        {
            problems.Add($"--kind: '{kind}' is not deploy or rollback.");
        }

        if (version is null || !VersionName().IsMatch(version))
        {
            problems.Add("--version is required: letters, digits and . _ + - only.");
        }

        if (previous is not null && previous.Length > 0 && !VersionName().IsMatch(previous))
        {
            problems.Add("--previous: letters, digits and . _ + - only.");
        }

        if (!DeploymentText.TryParseResult(result, out var parsedResult))
        {
            problems.Add($"--result is required: succeeded, rolled_back, failed or rejected{(result is null ? string.Empty : $" (got '{result}')")}.");
        }

        var startedAt = Time("--started", started, problems, required: true);
        var finishedAt = Time("--finished", finished, problems, required: false) ?? now;
        var commitAt = Time("--commit-time", commitTime, problems, required: false);
        if (startedAt is { } s && finishedAt < s)
        {
            problems.Add("--finished is before --started.");
        }

        if (detail is { Length: > MaxDetailLength })
        {
            problems.Add($"--detail is longer than {MaxDetailLength} characters.");
        }

        var phases = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var duration in durations)
        {
            var match = DurationPair().Match(duration);
            if (!match.Success || !long.TryParse(match.Groups["ms"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                problems.Add($"--duration: '{duration}' is not NAME=MILLISECONDS (name in lower case letters and _, milliseconds a whole number).");
                continue;
            }

            phases[match.Groups["name"].Value] = ms;
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new DeploymentRecord(parsedKind, version!, startedAt!.Value, finishedAt, parsedResult)
        {
            PreviousVersion = string.IsNullOrEmpty(previous) ? null : previous,
            CommitTime = commitAt,
            Detail = string.IsNullOrEmpty(detail) ? null : detail,
            DurationsMs = phases,
        }, problems);
    }

    /// <summary>ISO-8601 with an offset or Z (no offset means UTC), or Unix seconds.</summary>
    private static DateTimeOffset? Time(string option, string? text, List<string> problems, bool required)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                problems.Add($"{option} is required (ISO-8601 UTC, e.g. 2026-11-22T10:00:00Z, or Unix seconds).");
            }

            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) && epoch < 100_000_000_000)
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        problems.Add($"{option}: '{text}' is not a time (ISO-8601 UTC, e.g. 2026-11-22T10:00:00Z, or Unix seconds).");
        return null;
    }

    [GeneratedRegex("^[0-9A-Za-z._+-]{1,128}$")]
    private static partial Regex VersionName();

    [GeneratedRegex("^(?<name>[a-z_]{1,40})=(?<ms>[0-9]{1,15})$")]
    private static partial Regex DurationPair();
}
