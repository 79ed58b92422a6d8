namespace Ploy.Core.Orders;

/// <summary>A trade's life on chain: MATCHED → MINED → CONFIRMED, or FAILED (a match can revert).</summary>
public enum SettlementStatus
{
    Matched,
    Mined,
    Confirmed,
    Failed,
}
