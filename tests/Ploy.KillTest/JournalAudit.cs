using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Ploy.KillTest;

/// <summary>The engine's journal, read straight from its SQLite file (read-only) after the last run exited.</summary>
internal sealed record JournalAudit(IReadOnlyList<JournalIntent> Intents, IReadOnlyList<JournalFill> Fills, int InFlightFoundAtVenue, int InFlightNeverReached)
{
    /// <summary>Recovery's own verdicts, from the append-only event log: an intent a dead process left unanswered, found or not.</summary>
    private const string StoppedBeforeAnswer = "process stopped before the answer";

    public static async Task<JournalAudit> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);

        var intents = new List<JournalIntent>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT client_order_id, venue_order_id, status, reason, payload FROM orders";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                intents.Add(new JournalIntent(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : SaltOf(reader.GetString(4))));
            }
        }

        var fills = new List<JournalFill>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT trade_id, client_order_id, venue_order_id, token_id, side, price, quantity, fee FROM fills";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                fills.Add(new JournalFill(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    Dec(reader.GetString(5)), Dec(reader.GetString(6)), Dec(reader.GetString(7))));
            }
        }

        var found = 0;
        var neverReached = 0;
        await using (var command = connection.CreateCommand())
        {
            // Per intent that recovery found unanswered: what it decided next (the event right after).
            command.CommandText =
                "SELECT (SELECT n.reason FROM order_events n WHERE n.client_order_id = e.client_order_id AND n.id > e.id ORDER BY n.id LIMIT 1) " +
                "FROM order_events e WHERE e.to_status = 'Unknown' AND e.reason = $reason";
            command.Parameters.AddWithValue("$reason", StoppedBeforeAnswer);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var next = reader.IsDBNull(0) ? string.Empty : reader.GetString(0);
                if (next.Contains("unknown to the venue", StringComparison.Ordinal))
                {
                    neverReached++;
                }
                else
                {
                    found++;
                }
            }
        }

        return new JournalAudit(intents, fills, found, neverReached);
    }

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>The salt of the signed order in a journaled POST body (<c>{"order":{"salt":N,…},…}</c>).</summary>
    private static string? SaltOf(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("order", out var order) && order.TryGetProperty("salt", out var salt)
                ? salt.ValueKind == JsonValueKind.Number ? salt.GetRawText() : salt.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One journaled intent: our id, the precomputed venue order hash, its last status, and the salt it was signed with.</summary>
internal sealed record JournalIntent(string ClientId, string VenueOrderId, string Status, string? Reason, string? Salt);

/// <summary>One journaled fill.</summary>
internal sealed record JournalFill(string TradeId, string ClientId, string VenueOrderId, string Token, string Side, decimal Price, decimal Quantity, decimal Fee);
