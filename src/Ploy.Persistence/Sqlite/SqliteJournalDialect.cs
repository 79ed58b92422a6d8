using System.Data.Common;
using Microsoft.Data.Sqlite;
using Ploy.Persistence.Journal;

namespace Ploy.Persistence.Sqlite;

/// <summary>
/// SQLite's journal values: money and timestamps as exact text (<see cref="DbText"/>), flags as 0/1 integers, and
/// fill numbers taken in the insert itself (SQLite has no sequences).
/// </summary>
internal sealed class SqliteJournalDialect : JournalDialect
{
    public static readonly SqliteJournalDialect Instance = new();

    private SqliteJournalDialect()
    {
    }

    // The write transaction (BEGIN IMMEDIATE) holds the write lock, so no other writer can take the same number.
    public override string InsertFillSql =>
        $"INSERT INTO fills ({JournalRows.FillColumns}, seq) VALUES (@trade, @order, @venue_order, @token, @side, @price, @quantity, @fee, " +
        "@is_maker, @settlement, @time, (SELECT coalesce(max(seq), 0) + 1 FROM fills)) ON CONFLICT (trade_id, client_order_id) DO NOTHING";

    public override void BindText(DbCommand command, string name, string? value) => Add(command, name, (object?)value ?? DBNull.Value);

    public override void BindDecimal(DbCommand command, string name, decimal value) => Add(command, name, DbText.FromDecimal(value));

    public override void BindTimestamp(DbCommand command, string name, DateTimeOffset? value) =>
        Add(command, name, value is { } v ? DbText.FromTimestamp(v) : DBNull.Value);

    public override void BindBoolean(DbCommand command, string name, bool value) => Add(command, name, value ? 1 : 0);

    public override void BindInt32(DbCommand command, string name, int value) => Add(command, name, value);

    public override void BindInt64(DbCommand command, string name, long value) => Add(command, name, value);

    public override void BindDay(DbCommand command, string name, DateOnly value) => Add(command, name, DbText.FromDay(value));

    public override decimal ReadDecimal(DbDataReader reader, int ordinal) => DbText.ToDecimal(reader.GetString(ordinal));

    public override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => DbText.ToTimestamp(reader.GetString(ordinal));

    public override bool ReadBoolean(DbDataReader reader, int ordinal) => reader.GetInt64(ordinal) == 1;

    private static void Add(DbCommand command, string name, object value) => ((SqliteCommand)command).Parameters.AddWithValue(name, value);
}
