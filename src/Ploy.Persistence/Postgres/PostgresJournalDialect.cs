using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Ploy.Persistence.Journal;

namespace Ploy.Persistence.Postgres;

/// <summary>
/// PostgreSQL's journal values: every parameter typed (numeric money, timestamptz, boolean, date), and fill numbers
/// from the column's sequence default (migration 3).
/// </summary>
internal sealed class PostgresJournalDialect : JournalDialect
{
    public static readonly PostgresJournalDialect Instance = new();

    private PostgresJournalDialect()
    {
    }

    public override string InsertFillSql =>
        $"INSERT INTO fills ({JournalRows.FillColumns}) VALUES (@trade, @order, @venue_order, @token, @side, @price, @quantity, @fee, " +
        "@is_maker, @settlement, @time) ON CONFLICT (trade_id, client_order_id) DO NOTHING";

    public override void BindText(DbCommand command, string name, string? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    public override void BindDecimal(DbCommand command, string name, decimal value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Numeric) { Value = value });

    /// <summary>Npgsql writes only UTC offsets to timestamptz; the instant is what counts.</summary>
    public override void BindTimestamp(DbCommand command, string name, DateTimeOffset? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.ToUniversalTime() : DBNull.Value });

    public override void BindBoolean(DbCommand command, string name, bool value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Boolean) { Value = value });

    public override void BindInt32(DbCommand command, string name, int value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = value });

    public override void BindInt64(DbCommand command, string name, long value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = value });

    public override void BindDay(DbCommand command, string name, DateOnly value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Date) { Value = value });

    public override decimal ReadDecimal(DbDataReader reader, int ordinal) => reader.GetDecimal(ordinal);

    public override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override bool ReadBoolean(DbDataReader reader, int ordinal) => reader.GetBoolean(ordinal);
}
