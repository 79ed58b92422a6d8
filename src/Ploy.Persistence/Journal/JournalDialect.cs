using System.Data.Common;

namespace Ploy.Persistence.Journal;

/// <summary>
/// What differs between the journal's providers below the SQL they share: how each value is bound and read back
/// (PostgreSQL's typed columns, SQLite's exact text) and how a fill gets its journal number.
/// </summary>
internal abstract class JournalDialect
{
    /// <summary>
    /// Inserts a fill with the parameters <see cref="JournalWrites"/> binds (<c>@trade</c> … <c>@time</c>), numbering
    /// it after every fill journaled before it, and does nothing when its trade and order are already stored.
    /// </summary>
    public abstract string InsertFillSql { get; }

    public abstract void BindText(DbCommand command, string name, string? value);

    public abstract void BindDecimal(DbCommand command, string name, decimal value);

    public abstract void BindTimestamp(DbCommand command, string name, DateTimeOffset? value);

    public abstract void BindBoolean(DbCommand command, string name, bool value);

    public abstract void BindInt32(DbCommand command, string name, int value);

    public abstract void BindInt64(DbCommand command, string name, long value);

    public abstract void BindDay(DbCommand command, string name, DateOnly value);

    public abstract decimal ReadDecimal(DbDataReader reader, int ordinal);

    public abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    public abstract bool ReadBoolean(DbDataReader reader, int ordinal);
}
