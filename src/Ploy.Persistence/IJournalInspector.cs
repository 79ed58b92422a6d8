using Ploy.Core.Journal;
using Ploy.Core.Primitives;

namespace Ploy.Persistence;

/// <summary>Read-only views of a journal beyond what the gateway needs (CLI, diagnostics, contract tests).</summary>
public interface IJournalInspector
{
    Task<JournalCounts> CountsAsync(CancellationToken cancellationToken);

    /// <summary>The append-only event log of one order, oldest first.</summary>
    Task<IReadOnlyList<OrderTransitionRecord>> ReadOrderEventsAsync(ClientOrderId order, CancellationToken cancellationToken);
}
