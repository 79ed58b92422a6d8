using System.Data.Common;
using Ploy.Core.Orders;

namespace Ploy.Persistence;

/// <summary>
/// Which journaled fills the portfolio snapshot does not contain (migration 3: fills are numbered in journal order and
/// the snapshot keeps the highest number it holds). The same SQL on both providers.
/// </summary>
internal static class FillsAfterPortfolio
{
    /// <summary>One row per fill after the snapshot (or one row of NULLs when none is), with the snapshot's fills_through.</summary>
    public const string Sql =
        "SELECT f.trade_id, f.client_order_id, p.fills_through FROM portfolio_snapshot p " +
        "LEFT JOIN fills f ON coalesce(f.seq, 0) > p.fills_through WHERE p.id = 1 ORDER BY f.seq";

    /// <summary>
    /// The fills after the snapshot in the order they were journaled — the order they were applied in: by venue time
    /// a sell can come before the buy it sells (same second) and fail to apply. All of <paramref name="fills"/> without a
    /// snapshot; null when the snapshot predates fill numbers (only times can decide then).
    /// </summary>
    public static async Task<IReadOnlyList<Fill>?> SelectAsync(DbCommand command, bool hasPortfolio, IReadOnlyList<Fill> fills,
        CancellationToken cancellationToken)
    {
        if (!hasPortfolio)
        {
            return fills;
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var byKey = fills.ToDictionary(f => (f.Trade.Value, f.Order.Value));
        var after = new List<Fill>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (await reader.IsDBNullAsync(2, cancellationToken))
            {
                return null;
            }

            if (!await reader.IsDBNullAsync(0, cancellationToken) && byKey.TryGetValue((reader.GetString(0), reader.GetString(1)), out var fill))
            {
                after.Add(fill);
            }
        }

        return after;
    }
}
