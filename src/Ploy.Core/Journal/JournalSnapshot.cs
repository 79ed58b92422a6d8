using Ploy.Core.Orders;

namespace Ploy.Core.Journal;

/// <summary>Everything the journal holds that a restart needs.</summary>
public sealed record JournalSnapshot(
    IReadOnlyList<JournaledOrder> Orders,
    IReadOnlyList<Fill> Fills,
    PortfolioSnapshot? Portfolio,
    KillSwitchState? KillSwitch);
