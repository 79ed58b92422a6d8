using Ploy.Core.Orders;

namespace Ploy.Core.Journal;

/// <summary>Everything the journal holds that a restart needs.</summary>
public sealed record JournalSnapshot(
    IReadOnlyList<JournaledOrder> Orders,
    IReadOnlyList<Fill> Fills,
    PortfolioSnapshot? Portfolio,
    KillSwitchState? KillSwitch)
{
    /// <summary>
    /// The fills <see cref="Portfolio"/> does not contain yet, in the order they were journaled — what a restart must
    /// apply on top of it. Null when the journal cannot tell (a snapshot written before it numbered fills): then only
    /// the fills' times can decide, which is approximate.
    /// </summary>
    public IReadOnlyList<Fill>? FillsAfterPortfolio { get; init; }
}
