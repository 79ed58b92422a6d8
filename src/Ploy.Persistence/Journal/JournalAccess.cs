namespace Ploy.Persistence.Journal;

/// <summary>What a journal call does in its transaction; each provider maps it to its own transaction kind.</summary>
internal enum JournalAccess
{
    /// <summary>Changes rows (SQLite: BEGIN IMMEDIATE, the write lock taken up front).</summary>
    Write,

    /// <summary>Reads that need no view shared between statements.</summary>
    Read,

    /// <summary>Several reads that must see one state of the journal (PostgreSQL: repeatable read).</summary>
    ConsistentRead,
}
