namespace Ploy.KillTest;

/// <summary>What the venue says happened to the account; <see cref="Winners"/> maps each resolved token to whether it won.</summary>
internal sealed record VenueAudit(
    IReadOnlyList<VenueOrder> Orders,
    IReadOnlyList<VenueTrade> Trades,
    decimal Cash,
    IReadOnlyDictionary<string, decimal> Tokens,
    int DuplicatePosts,
    long AnswersDelayed,
    long AnswersAbandoned,
    IReadOnlyDictionary<string, bool> Winners);

/// <summary>An order the venue took from the account, by its EIP-712 hash and the salt that was signed.</summary>
internal sealed record VenueOrder(string Id, string Salt, string AssetId, string Side, decimal OriginalSize, decimal SizeMatched, string Status);

/// <summary>One of the account's trades as the venue's ledger records it.</summary>
internal sealed record VenueTrade(string Id, string AssetId, string Side, decimal Price, decimal Size);
