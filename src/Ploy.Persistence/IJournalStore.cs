using Ploy.Core.Journal;

namespace Ploy.Persistence;

/// <summary>A journal as <see cref="JournalFactory"/> hands it out: the port, its read views, and its lifetime.</summary>
public interface IJournalStore : IJournal, IJournalInspector, IAsyncDisposable
{
}
