using System.Globalization;

namespace Ploy.Cli.Tests.Service;

/// <summary>Reads one series from a <c>/metrics</c> scrape: <c>name</c> or <c>name{labels}</c>, exactly as exported.</summary>
internal static class PrometheusScrape
{
    public static async Task<double?> ValueAsync(HttpClient http, string series)
    {
        var text = await http.GetStringAsync("/metrics");
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
