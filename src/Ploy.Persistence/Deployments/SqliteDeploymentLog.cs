using System.Globalization;
using Ploy.Persistence.Sqlite;

namespace Ploy.Persistence.Deployments;

/// <summary>
/// The deployments log in the SQLite journal file. Each call opens its own connection (WAL, busy timeout), so the
/// deploy script can record while the service runs on the same file.
/// </summary>
public sealed class SqliteDeploymentLog(string path) : IDeploymentLog
{
    private readonly string _path = Path.GetFullPath(path);

    public async Task<long> RecordAsync(DeploymentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await SqliteDatabase.OpenAsync(_path, SqliteDatabase.DefaultBusyTimeout, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            INSERT INTO deployments (version, started_at, finished_at, result, durations, kind, previous_version, commit_time, detail)
            VALUES ($version, $started, $finished, $result, $durations, $kind, $previous, $commit_time, $detail)
            RETURNING id
            """;
        command.Parameters.AddWithValue("$version", record.Version);
        command.Parameters.AddWithValue("$started", DbText.FromTimestamp(record.StartedAt));
        command.Parameters.AddWithValue("$finished", record.FinishedAt is { } finished ? DbText.FromTimestamp(finished) : DBNull.Value);
        command.Parameters.AddWithValue("$result", record.Result is { } result ? DeploymentText.FromResult(result) : DBNull.Value);
        command.Parameters.AddWithValue("$durations", DurationsJson.Write(record.DurationsMs));
        command.Parameters.AddWithValue("$kind", DeploymentText.FromKind(record.Kind));
        command.Parameters.AddWithValue("$previous", (object?)record.PreviousVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$commit_time", record.CommitTime is { } commit ? DbText.FromTimestamp(commit) : DBNull.Value);
        command.Parameters.AddWithValue("$detail", (object?)record.Detail ?? DBNull.Value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<DeploymentRecord>> ReadAsync(int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must not be negative.");
        }

        await using var connection = await SqliteDatabase.OpenAsync(_path, SqliteDatabase.DefaultBusyTimeout, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT id, version, started_at, finished_at, result, durations, kind, previous_version, commit_time, detail
            FROM deployments ORDER BY started_at DESC, id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", (long?)limit ?? -1L);
        var records = new List<DeploymentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(DeploymentRows.Read(
                reader,
                text => DbText.ToTimestamp(text)));
        }

        records.Reverse();
        return records;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
