using System.Globalization;
using Ploy.Core.Positions;
using Ploy.Core.Venues;

namespace Ploy.Cli.Paper;

/// <summary>Our wallet against the venue's ledger: every difference in cash or token holdings.</summary>
public static class LedgerComparison
{
    public static IReadOnlyList<string> Compare(Portfolio ours, VenueBalances venue)
    {
        var differences = new List<string>();
        if (ours.Cash != venue.Cash)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"cash: journal {ours.Cash} vs venue {venue.Cash}"));
        }

        var tokens = venue.Tokens.Keys.Concat(ours.Positions.Select(p => p.Token)).Distinct().OrderBy(t => t.Value, StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            var mine = ours.SharesOf(token);
            var theirs = venue.Tokens.GetValueOrDefault(token);
            if (mine != theirs)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{token}: journal {mine} vs venue {theirs}"));
            }
        }

        return differences;
    }
}
