using System.Globalization;
using Ploy.Core.MarketData;

namespace Ploy.Venues.Simulated.Tests;

/// <summary>Renders events as text so sequences can be compared (records compare lists by reference).</summary>
internal static class EventText
{
    public static string Of(object e) => e switch
    {
        BookSnapshotEvent s => string.Create(CultureInfo.InvariantCulture,
            $"Snapshot {s.Token} {s.At:O} bids[{string.Join(",", s.Bids)}] asks[{string.Join(",", s.Asks)}]"),
        _ => e.ToString() ?? string.Empty,
    };
}
