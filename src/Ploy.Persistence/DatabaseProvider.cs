namespace Ploy.Persistence;

/// <summary>Where the journal lives.</summary>
public enum DatabaseProvider
{
    /// <summary>One embedded file (WAL); the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, shared by several instances.</summary>
    Postgres,
}
