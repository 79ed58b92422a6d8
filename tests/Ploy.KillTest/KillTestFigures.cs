namespace Ploy.KillTest;

/// <summary>What a kill-test run counted and measured; <see cref="Failures"/> says why it failed (empty: passed).</summary>
public sealed class KillTestFigures
{
    public int Seed { get; init; }

    public TimeSpan AnswerDelay { get; init; }

    /// <summary>SIGKILLs delivered to a running engine.</summary>
    public int Kills { get; set; }

    /// <summary>Kills that landed while the venue held the answer to one of our order POSTs (the order already in its book).</summary>
    public int KillsAimedMidSubmit { get; set; }

    /// <summary>Kills that landed before the engine had finished start-up reconciliation.</summary>
    public int KillsDuringStartup { get; set; }

    /// <summary>Restarts whose journal held intents left without an answer (journaled, maybe sent) — evidence of a mid-submit kill.</summary>
    public int StartsWithInFlight { get; set; }

    /// <summary>In-flight intents the restarts found, summed over restarts.</summary>
    public int InFlightAtStart { get; set; }

    /// <summary>Of the intents recovery found unanswered: those the venue had taken, and those that never reached it.</summary>
    public int InFlightFoundAtVenue { get; set; }

    public int InFlightNeverReached { get; set; }

    /// <summary>Order answers the venue held and whose client was gone before it could send them.</summary>
    public long AnswersAbandoned { get; set; }

    public int VenueOrders { get; set; }

    public int JournalIntents { get; set; }

    public int VenueTrades { get; set; }

    public int JournalFills { get; set; }

    /// <summary>Order POSTs that re-sent a hash the venue already had, plus hashes the venue lists twice.</summary>
    public int Duplicates { get; set; }

    /// <summary>Venue orders with no journal intent, or signed with another salt than the journaled payload.</summary>
    public int OrphanOrders { get; set; }

    /// <summary>Venue trades of the account missing from the journal's fills.</summary>
    public int LostFills { get; set; }

    /// <summary>Journal fills the venue has no trade for, or trades journaled twice.</summary>
    public int ExtraFills { get; set; }

    /// <summary>Fills of an order the journal has, booked to no order (<c>venue:</c> id) or to another one.</summary>
    public int MisattributedFills { get; set; }

    /// <summary>Intents still journaled/submitted/unknown after the final run, or marked never-sent though the venue has them.</summary>
    public int UnresolvedIntents { get; set; }

    /// <summary>Cash and token balances where positions computed from the journal's fills differ from the venue's ledger.</summary>
    public int PositionMismatches { get; set; }

    /// <summary>
    /// Restarts whose own wallet (portfolio snapshot + later fills) disagreed with the venue, so the engine adopted the
    /// venue's ledger. Reported, not failed: the checks above compute positions from the fills themselves.
    /// </summary>
    public int StartsAdoptingVenueLedger { get; set; }

    public int? FinalRunExitCode { get; set; }

    public List<double> RecoveryMilliseconds { get; } = [];

    public List<double> ReconcileMilliseconds { get; } = [];

    public List<string> Failures { get; } = [];
}
