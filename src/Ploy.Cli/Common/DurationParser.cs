using System.Globalization;
using System.Text.RegularExpressions;

namespace Ploy.Cli.Common;

/// <summary>Parses operator durations: "30s", "5m", "2h", "1h30m", "500ms", or a TimeSpan ("00:05:00").</summary>
public static partial class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(text.Trim());
        if (match.Success)
        {
            var total = TimeSpan.Zero;
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var unit = UnitPattern().Match(part.Value);
                var value = decimal.Parse(unit.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                total += unit.Groups["u"].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds((double)value),
                    "s" => TimeSpan.FromSeconds((double)value),
                    "m" => TimeSpan.FromMinutes((double)value),
                    "h" => TimeSpan.FromHours((double)value),
                    _ => TimeSpan.FromDays((double)value),
                };
            }

            duration = total;
            return total > TimeSpan.Zero;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|s|m|h|d))+$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<u>ms|s|m|h|d)$")]
    private static partial Regex UnitPattern();
}
