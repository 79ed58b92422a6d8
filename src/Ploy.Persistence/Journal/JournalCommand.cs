using System.Data.Common;

namespace Ploy.Persistence.Journal;

/// <summary>A statement in a journal transaction whose parameters are bound the way its provider stores each value.</summary>
internal sealed class JournalCommand(DbCommand command, JournalDialect dialect) : IAsyncDisposable
{
    public DbCommand Inner => command;

    public void Text(string name, string? value) => dialect.BindText(command, name, value);

    public void Decimal(string name, decimal value) => dialect.BindDecimal(command, name, value);

    public void Timestamp(string name, DateTimeOffset? value) => dialect.BindTimestamp(command, name, value);

    public void Boolean(string name, bool value) => dialect.BindBoolean(command, name, value);

    public void Int32(string name, int value) => dialect.BindInt32(command, name, value);

    public void Int64(string name, long value) => dialect.BindInt64(command, name, value);

    public void Day(string name, DateOnly value) => dialect.BindDay(command, name, value);

    /// <summary>Drops the bound values, so the same statement runs again with the next row's.</summary>
    public void ClearParameters() => command.Parameters.Clear();

    public Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => command.ExecuteNonQueryAsync(cancellationToken);

    public Task<DbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) => command.ExecuteReaderAsync(cancellationToken);

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
