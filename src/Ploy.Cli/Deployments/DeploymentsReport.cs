using System.Globalization;
using System.Text;
using System.Text.Json;
using Ploy.Persistence.Deployments;

namespace Ploy.Cli.Deployments;

/// <summary>Renders the history and <see cref="DeploymentKpis"/> as the text table or as one JSON object.</summary>
internal static class DeploymentsReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string RenderText(string source, IReadOnlyList<DeploymentRecord> shown, int total, DeploymentKpis kpis)
    {
        var text = new StringBuilder();
        var count = shown.Count == total ? total.ToString(C) : string.Create(C, $"newest {shown.Count} of {total}");
        text.AppendLine(C, $"Deployments — {source} ({count})");
        text.AppendLine(C, $"{"#",5}  {"started (UTC)",-19}  {"kind",-8}  {"version",-24}  {"result",-11}  {"time",-18}  detail");
        foreach (var r in shown)
        {
            var outcome = r.Result is { } result ? DeploymentText.FromResult(result) : "unfinished";
            text.AppendLine(string.Create(C, $"{r.Id,5}  {r.StartedAt.UtcDateTime,-19:yyyy-MM-dd HH:mm:ss}  {DeploymentText.FromKind(r.Kind),-8}  {r.Version,-24}  {outcome,-11}  {TimeColumn(r),-18}  {r.Detail}").TrimEnd());
        }

        text.AppendLine();
        text.AppendLine(C, $"deploys {kpis.Deploys} (succeeded {kpis.Succeeded}, rolled back {kpis.RolledBack}, failed {kpis.Failed}; rejected before any change {kpis.Rejected}); rollbacks by hand {kpis.ManualRollbacks}");
        text.AppendLine(C, $"success rate          {Percent(kpis.SuccessRate)}");
        text.AppendLine(C, $"change-failure rate   {Percent(kpis.ChangeFailureRate)}");
        var unrestored = kpis.Unrestored > 0 ? string.Create(C, $" ({kpis.Unrestored} failed deploy{(kpis.Unrestored == 1 ? string.Empty : "s")} NOT restored since)") : string.Empty;
        text.AppendLine(C, $"mean time to restore  {Duration(kpis.MeanTimeToRestoreSeconds)}{unrestored}");
        text.AppendLine(C, $"deployment frequency  {kpis.DeploysPerDay:0.0#} per day, {kpis.DeploysPerWeek:0.0#} per week (over {kpis.WindowDays:0.0#} days)");
        var leadTime = kpis.LeadTimeSamples == 0
            ? "n/a (no successful deploy with a commit time)"
            : string.Create(C, $"mean {Duration(kpis.MeanLeadTimeSeconds)}, median {Duration(kpis.MedianLeadTimeSeconds)} over {kpis.LeadTimeSamples} deploy{(kpis.LeadTimeSamples == 1 ? string.Empty : "s")}");
        text.AppendLine(C, $"lead time             {leadTime}");
        text.AppendLine(C, $"deploy to healthy     {Duration(kpis.MeanDeployToHealthySeconds)} (mean, switch to healthy)");
        return text.ToString();
    }

    public static string RenderJson(string source, IReadOnlyList<DeploymentRecord> shown, int total, DeploymentKpis kpis)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("database", source);
            w.WriteNumber("total", total);
            w.WriteStartObject("kpis");
            w.WriteNumber("deploys", kpis.Deploys);
            w.WriteNumber("succeeded", kpis.Succeeded);
            w.WriteNumber("rolled_back", kpis.RolledBack);
            w.WriteNumber("failed", kpis.Failed);
            w.WriteNumber("rejected", kpis.Rejected);
            w.WriteNumber("manual_rollbacks", kpis.ManualRollbacks);
            Number(w, "success_rate", kpis.SuccessRate);
            Number(w, "change_failure_rate", kpis.ChangeFailureRate);
            Number(w, "mean_time_to_restore_s", kpis.MeanTimeToRestoreSeconds);
            w.WriteNumber("unrestored", kpis.Unrestored);
            w.WriteNumber("deploys_per_day", Math.Round(kpis.DeploysPerDay, 3));
            w.WriteNumber("deploys_per_week", Math.Round(kpis.DeploysPerWeek, 3));
            w.WriteNumber("window_days", Math.Round(kpis.WindowDays, 3));
            Number(w, "mean_lead_time_s", kpis.MeanLeadTimeSeconds);
            Number(w, "median_lead_time_s", kpis.MedianLeadTimeSeconds);
            w.WriteNumber("lead_time_samples", kpis.LeadTimeSamples);
            Number(w, "mean_deploy_to_healthy_s", kpis.MeanDeployToHealthySeconds);
            w.WriteEndObject();
            w.WriteStartArray("deployments");
            foreach (var r in shown)
            {
                w.WriteStartObject();
                w.WriteNumber("id", r.Id);
                w.WriteString("kind", DeploymentText.FromKind(r.Kind));
                w.WriteString("version", r.Version);
                Text(w, "previous_version", r.PreviousVersion);
                Text(w, "result", r.Result is { } result ? DeploymentText.FromResult(result) : null);
                w.WriteString("started", r.StartedAt.UtcDateTime.ToString("O", C));
                Text(w, "finished", r.FinishedAt?.UtcDateTime.ToString("O", C));
                Text(w, "commit_time", r.CommitTime?.UtcDateTime.ToString("O", C));
                Text(w, "detail", r.Detail);
                w.WriteStartObject("durations_ms");
                foreach (var (name, ms) in r.DurationsMs.OrderBy(d => d.Key, StringComparer.Ordinal))
                {
                    w.WriteNumber(name, ms);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Seconds, minutes, hours or days, whichever reads best.</summary>
    public static string Duration(double? seconds) => seconds switch
    {
        null => "n/a",
        < 120 => string.Create(C, $"{seconds:0.0} s"),
        < 7200 => string.Create(C, $"{seconds / 60:0.0} min"),
        < 172800 => string.Create(C, $"{seconds / 3600:0.0} h"),
        _ => string.Create(C, $"{seconds / 86400:0.0} days"),
    };

    private static string Percent(double? rate) => rate is { } r ? string.Create(C, $"{r * 100:0.0} %") : "n/a (no deploys)";

    private static string TimeColumn(DeploymentRecord r)
    {
        string? Ms(string name) => r.DurationsMs.TryGetValue(name, out var ms) ? Duration(ms / 1000.0) : null;
        return r.Result switch
        {
            DeploymentResult.Succeeded when r.Kind == DeploymentKind.Deploy => Ms(DeploymentDurations.ToHealthy) is { } t ? "healthy in " + t : string.Empty,
            DeploymentResult.RolledBack when r.Kind == DeploymentKind.Deploy => Ms(DeploymentDurations.Restore) is { } t ? "restored in " + t : string.Empty,
            _ when r.Kind == DeploymentKind.Rollback => Ms(DeploymentDurations.Rollback) is { } t ? "healthy in " + t : string.Empty,
            _ => string.Empty,
        };
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, 3));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
