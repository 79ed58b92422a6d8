using System.Globalization;
using System.Text.Json;

namespace Ploy.VenueServer;

/// <summary>
/// Gamma's JSON shapes (protocol reference §8): camelCase fields; <c>outcomes</c>, <c>outcomePrices</c> and
/// <c>clobTokenIds</c> as JSON-encoded strings, as the real Gamma sends them; the round's price to beat in
/// <c>eventMetadata.priceToBeat</c> (Polymarket/py-sdk#106).
/// </summary>
internal static class GammaJson
{
    public static void WriteEvent(Utf8JsonWriter w, GammaSeriesView series, GammaRound round, VenueCore core)
    {
        w.WriteStartObject();
        w.WriteString("id", round.Id);
        w.WriteString("ticker", round.Slug);
        w.WriteString("slug", round.Slug);
        w.WriteString("title", Title(series, round));
        w.WriteString("description", Description(series));
        w.WriteString("startDate", Iso(round.Start));
        w.WriteString("startTime", Iso(round.Start));
        w.WriteString("endDate", Iso(round.End));
        w.WriteBoolean("active", !round.Closed);
        w.WriteBoolean("closed", round.Closed);
        w.WriteBoolean("archived", false);
        w.WriteBoolean("negRisk", false);
        if (round.PriceToBeat is { } price)
        {
            w.WriteStartObject("eventMetadata");
            w.WriteNumber("priceToBeat", price);
            w.WriteEndObject();
        }

        w.WriteStartArray("markets");
        WriteMarket(w, series, round, core);
        w.WriteEndArray();
        w.WriteStartArray("series");
        WriteSeries(w, series, core, withEvents: false);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteMarket(Utf8JsonWriter w, GammaSeriesView series, GammaRound round, VenueCore core)
    {
        var tick = core.Options.Simulation.Tick.Value;
        w.WriteStartObject();
        w.WriteString("id", round.Id);
        w.WriteString("question", Title(series, round));
        w.WriteString("conditionId", round.ConditionId);
        w.WriteString("questionID", round.ConditionId);
        w.WriteString("slug", round.Slug);
        w.WriteString("outcomes", Encoded(["Up", "Down"]));
        w.WriteString("outcomePrices", Encoded([.. Prices(round, core).Select(Json.Dec)]));
        w.WriteString("clobTokenIds", Encoded([round.YesId, round.NoId]));
        w.WriteString("version", "v1");
        w.WriteNumber("orderPriceMinTickSize", tick);
        w.WriteNumber("orderMinSize", Ploy.Venues.Simulated.Synthetic.RoundFactory.MinOrderSize.Shares);
        w.WriteBoolean("negRisk", false);
        w.WriteBoolean("enableOrderBook", true);
        w.WriteBoolean("acceptingOrders", round.AcceptingOrders);
        w.WriteBoolean("active", !round.Closed);
        w.WriteBoolean("closed", round.Closed);
        w.WriteString("startDate", Iso(round.Start));
        w.WriteString("eventStartTime", Iso(round.Start));
        w.WriteString("endDate", Iso(round.End));
        if (round.Entry is not null && core.LastTrade(round.YesId) is { } last)
        {
            w.WriteNumber("lastTradePrice", last.Price);
        }

        w.WriteEndObject();
    }

    public static void WriteSeries(Utf8JsonWriter w, GammaSeriesView series, VenueCore core, bool withEvents)
    {
        w.WriteStartObject();
        w.WriteString("id", GammaSeriesView.Id);
        w.WriteString("ticker", series.Slug);
        w.WriteString("slug", series.Slug);
        w.WriteString("title", series.Title);
        w.WriteString("seriesType", "single");
        w.WriteString("recurrence", series.Recurrence);
        w.WriteBoolean("active", true);
        w.WriteBoolean("closed", false);
        if (withEvents)
        {
            w.WriteStartArray("events");
            foreach (var round in series.Rounds)
            {
                WriteEvent(w, series, round, core);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static decimal[] Prices(GammaRound round, VenueCore core)
    {
        if (round.Entry?.Winner is { } winner)
        {
            return winner == Ploy.Core.Markets.Outcome.Yes ? [1m, 0m] : [0m, 1m];
        }

        var yes = round.Entry is null ? null : core.LastTrade(round.YesId)?.Price;
        return yes is { } p ? [p, 1m - p] : [0.5m, 0.5m];
    }

    private static string Title(GammaSeriesView series, GammaRound round) =>
        string.Create(CultureInfo.InvariantCulture, $"{series.Symbol} Up or Down - {round.Start:yyyy-MM-dd HH:mm:ss}Z to {round.End:HH:mm:ss}Z");

    private static string Description(GammaSeriesView series) =>
        $"Resolves Up if the {series.Symbol} reference price at the end of the window is above the price at its start (the price to beat), else Down.";

    /// <summary>Venue quirk: a JSON array encoded as a JSON string (protocol reference §8).</summary>
    private static string Encoded(string[] values) => System.Text.Encoding.UTF8.GetString(Json.Write(w =>
    {
        w.WriteStartArray();
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }));

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
