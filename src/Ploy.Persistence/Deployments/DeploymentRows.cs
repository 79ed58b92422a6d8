using System.Data.Common;

namespace Ploy.Persistence.Deployments;

/// <summary>
/// Maps a <c>deployments</c> row (columns in the order both logs select them) to a record. Rows written before
/// migration 2 have no kind (they were deploys) and results outside today's names read as unfinished.
/// </summary>
internal static class DeploymentRows
{
    public static DeploymentRecord Read(DbDataReader reader, Func<string, DateTimeOffset> parseTimestamp)
    {
        DateTimeOffset Timestamp(int ordinal) =>
            reader.GetFieldType(ordinal) == typeof(string) ? parseTimestamp(reader.GetString(ordinal)) : reader.GetFieldValue<DateTimeOffset>(ordinal);

        // No kind: a row from before migration 2, when only deploys were logged.
        var kind = DeploymentText.TryParseKind(reader.IsDBNull(6) ? null : reader.GetString(6), out var parsedKind) ? parsedKind : DeploymentKind.Deploy;
        DeploymentResult? result = DeploymentText.TryParseResult(reader.IsDBNull(4) ? null : reader.GetString(4), out var parsed) ? parsed : null;
        return new DeploymentRecord(
            kind,
            reader.GetString(1),
            Timestamp(2),
            reader.IsDBNull(3) ? null : Timestamp(3),
            result)
        {
            Id = reader.GetInt64(0),
            DurationsMs = DurationsJson.Read(reader.IsDBNull(5) ? null : reader.GetString(5)),
            PreviousVersion = reader.IsDBNull(7) ? null : reader.GetString(7),
            CommitTime = reader.IsDBNull(8) ? null : Timestamp(8),
            Detail = reader.IsDBNull(9) ? null : reader.GetString(9),
        };
    }
}
