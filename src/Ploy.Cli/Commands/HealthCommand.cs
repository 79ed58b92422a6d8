using System.CommandLine;
using Ploy.Hosting.Health;

namespace Ploy.Cli.Commands;

/// <summary>`ploy health`: probes a running instance's /health with retries (for scripts and container health checks).</summary>
public static class HealthCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Health endpoint to probe.", DefaultValueFactory = _ => HealthProbeClient.DefaultUrl.ToString() };
        var timeout = new Option<double>("--timeout") { Description = "Seconds each attempt may take.", DefaultValueFactory = _ => 5 };
        var retries = new Option<int>("--retries") { Description = "Attempts after the first.", DefaultValueFactory = _ => 2 };
        var interval = new Option<double>("--interval") { Description = "Seconds between attempts.", DefaultValueFactory = _ => 2 };
        url.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                result.AddError($"--url: '{value}' is not an http(s) URL.");
            }
        });
        timeout.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value > 0) || double.IsInfinity(value))
            {
                result.AddError("--timeout must be a positive number of seconds.");
            }
        });
        retries.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 1000)
            {
                result.AddError("--retries must be between 0 and 1000.");
            }
        });
        interval.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value >= 0) || double.IsInfinity(value))
            {
                result.AddError("--interval must be zero or a positive number of seconds.");
            }
        });

        var command = new Command("health", "Probe a running instance's /health; exit 0 when healthy (HTTP 200), 1 otherwise.")
        {
            url, timeout, retries, interval,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var client = new HealthProbeClient(http, TimeProvider.System, Console.Out);
            var result = await client.ProbeAsync(
                new Uri(parse.GetValue(url)!, UriKind.Absolute),
                TimeSpan.FromSeconds(parse.GetValue(timeout)),
                parse.GetValue(retries),
                TimeSpan.FromSeconds(parse.GetValue(interval)),
                cancellationToken);
            return result.Healthy ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
