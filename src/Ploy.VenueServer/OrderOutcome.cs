using System.Text.Json;

namespace Ploy.VenueServer;

/// <summary>The answer to one posted order, in the shape of the venue's <c>OrderResponse</c>.</summary>
internal sealed record OrderOutcome(
    bool Success,
    string ErrorMsg,
    string OrderId,
    string Status,
    string MakingAmount,
    string TakingAmount,
    IReadOnlyList<string> TransactionHashes,
    IReadOnlyList<string> TradeIds)
{
    public static OrderOutcome Fail(string message, string orderId = "") => new(false, message, orderId, string.Empty, string.Empty, string.Empty, [], []);

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteBoolean("success", Success);
        w.WriteString("errorMsg", ErrorMsg);
        w.WriteString("orderID", OrderId);
        w.WriteStartArray("transactionsHashes");
        foreach (var hash in TransactionHashes)
        {
            w.WriteStringValue(hash);
        }

        w.WriteEndArray();
        w.WriteStartArray("tradeIDs");
        foreach (var id in TradeIds)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteString("status", Status);
        w.WriteString("takingAmount", TakingAmount);
        w.WriteString("makingAmount", MakingAmount);
        w.WriteEndObject();
    }
}
