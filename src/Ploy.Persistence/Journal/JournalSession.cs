using System.Data.Common;

namespace Ploy.Persistence.Journal;

/// <summary>One journal call's open transaction and its provider's dialect: what every statement of the call needs.</summary>
internal sealed class JournalSession(DbConnection connection, DbTransaction transaction, JournalDialect dialect)
{
    public JournalDialect Dialect => dialect;

    public JournalCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return new JournalCommand(command, dialect);
    }
}
