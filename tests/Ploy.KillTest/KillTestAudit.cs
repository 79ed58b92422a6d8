using System.Globalization;

namespace Ploy.KillTest;

/// <summary>
/// The verdict: the journal (read from its file) against the venue (its own audit and ledger). Every check counts what
/// it finds into the figures and adds a failure; a few examples of each finding are kept for the report.
/// </summary>
internal static class KillTestAudit
{
    private const int Examples = 3;

    public static void Check(KillTestOptions options, VenueAudit venue, JournalAudit journal, KillTestFigures figures)
    {
        figures.VenueOrders = venue.Orders.Count;
        figures.JournalIntents = journal.Intents.Count;
        figures.VenueTrades = venue.Trades.Count;
        figures.JournalFills = journal.Fills.Count;
        figures.AnswersAbandoned = venue.AnswersAbandoned;
        figures.InFlightFoundAtVenue = journal.InFlightFoundAtVenue;
        figures.InFlightNeverReached = journal.InFlightNeverReached;
        if (venue.Orders.Count == 0 || venue.Trades.Count == 0)
        {
            figures.Failures.Add($"nothing to prove: {venue.Orders.Count} orders and {venue.Trades.Count} trades reached the venue");
        }

        CheckOrders(venue, journal, figures);
        CheckFills(venue, journal, figures);
        CheckPositions(options, venue, journal, figures);
    }

    /// <summary>No order reached the venue twice; every venue order is one journaled intent, signed exactly as journaled.</summary>
    private static void CheckOrders(VenueAudit venue, JournalAudit journal, KillTestFigures figures)
    {
        var twice = venue.Orders.GroupBy(o => o.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        figures.Duplicates = venue.DuplicatePosts + twice.Count;
        if (venue.DuplicatePosts > 0)
        {
            figures.Failures.Add($"{venue.DuplicatePosts} order POSTs re-sent an order hash the venue already had");
        }

        Fail(figures, twice, "order hashes the venue holds twice");

        var intents = journal.Intents.ToLookup(i => i.VenueOrderId, StringComparer.OrdinalIgnoreCase);
        Fail(figures, journal.Intents.GroupBy(i => i.VenueOrderId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList(),
            "order hashes journaled for two intents");
        var orphans = venue.Orders.Where(o => intents[o.Id].Count() != 1).Select(o => o.Id).ToList();
        var resigned = venue.Orders.Where(o => intents[o.Id].FirstOrDefault() is { } intent && intent.Salt != o.Salt)
            .Select(o => $"{o.Id}: venue salt {o.Salt}, journaled {intents[o.Id].First().Salt}").ToList();
        figures.OrphanOrders = orphans.Count + resigned.Count;
        Fail(figures, orphans, "venue orders with no journal intent (sent without journaling, or re-signed)");
        Fail(figures, resigned, "venue orders signed differently from the journaled payload");

        var atVenue = venue.Orders.Select(o => o.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unresolved = journal.Intents.Where(i => i.Status is "Journaled" or "Submitted" or "Unknown").Select(i => $"{i.ClientId} ({i.Status})").ToList();
        var deniedButThere = journal.Intents
            .Where(i => i.Status == "Rejected" && i.Reason?.Contains("unknown to the venue", StringComparison.Ordinal) == true && atVenue.Contains(i.VenueOrderId))
            .Select(i => $"{i.ClientId} ({i.VenueOrderId})").ToList();
        figures.UnresolvedIntents = unresolved.Count + deniedButThere.Count;
        Fail(figures, unresolved, "intents still without an outcome after the final run");
        Fail(figures, deniedButThere, "intents recovery declared never-sent that the venue has");
    }

    /// <summary>Every venue trade of the account is exactly one journal fill, booked to the intent of its order.</summary>
    private static void CheckFills(VenueAudit venue, JournalAudit journal, KillTestFigures figures)
    {
        var journaled = journal.Fills.GroupBy(f => f.TradeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var traded = venue.Trades.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var lost = venue.Trades.Where(t => !journaled.ContainsKey(t.Id)).Select(t => $"{t.Id} ({t.Side} {t.Size} @ {t.Price})").ToList();
        var extra = journal.Fills.Where(f => !traded.Contains(f.TradeId)).Select(f => f.TradeId)
            .Concat(journaled.Where(g => g.Value.Count > 1).Select(g => g.Key + " (twice)")).ToList();
        figures.LostFills = lost.Count;
        figures.ExtraFills = extra.Count;
        Fail(figures, lost, "venue trades missing from the journal");
        Fail(figures, extra, "journal fills the venue has no trade for, or has twice");

        var owners = journal.Intents.ToDictionary(i => i.VenueOrderId, i => i.ClientId, StringComparer.OrdinalIgnoreCase);
        var misattributed = journal.Fills
            .Where(f => owners.TryGetValue(f.VenueOrderId, out var owner) && owner != f.ClientId)
            .Select(f => $"{f.TradeId}: booked to {f.ClientId}, order of {owners[f.VenueOrderId]}").ToList();
        figures.MisattributedFills = misattributed.Count;
        Fail(figures, misattributed, "fills booked to no or another intent though the journal has their order");
    }

    /// <summary>
    /// Cash and tokens computed from the journal's fills alone (plus the public resolutions of markets, which redeem
    /// winning shares at 1 and burn losing ones) must equal the venue's ledger. Not the engine's own wallet: at start-up
    /// it adopts the venue's balances on a difference, which would hide a lost fill.
    /// </summary>
    private static void CheckPositions(KillTestOptions options, VenueAudit venue, JournalAudit journal, KillTestFigures figures)
    {
        var cash = options.StartingCash;
        var shares = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var fill in journal.Fills)
        {
            var notional = fill.Price * fill.Quantity;
            var buy = fill.Side == "Buy";
            cash += buy ? -(notional + fill.Fee) : notional - fill.Fee;
            shares[fill.Token] = shares.GetValueOrDefault(fill.Token) + (buy ? fill.Quantity : -fill.Quantity);
        }

        foreach (var token in shares.Keys.ToList())
        {
            if (venue.Winners.TryGetValue(token, out var won))
            {
                cash += won ? shares[token] : 0m;
                shares[token] = 0m;
            }
        }

        var mismatches = new List<string>();
        if (cash != venue.Cash)
        {
            mismatches.Add(string.Create(CultureInfo.InvariantCulture, $"cash: journal {cash} vs venue {venue.Cash}"));
        }

        foreach (var token in shares.Keys.Concat(venue.Tokens.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var ours = shares.GetValueOrDefault(token);
            var theirs = venue.Tokens.GetValueOrDefault(token);
            if (ours != theirs)
            {
                mismatches.Add(string.Create(CultureInfo.InvariantCulture, $"token {token[..Math.Min(12, token.Length)]}…: journal {ours} vs venue {theirs}"));
            }
        }

        figures.PositionMismatches = mismatches.Count;
        Fail(figures, mismatches, "journal positions that differ from the venue's ledger");
    }

    private static void Fail(KillTestFigures figures, List<string> findings, string what)
    {
        if (findings.Count > 0)
        {
            figures.Failures.Add($"{findings.Count} {what}: {string.Join("; ", findings.Take(Examples))}{(findings.Count > Examples ? "; …" : string.Empty)}");
        }
    }
}
