using Ploy.Core.Primitives;

namespace Ploy.Core.MarketData;

/// <summary>A level's new total size (0 removes it). Deltas carry no sequence number, only a book hash.</summary>
/// <param name="Token">The book's token.</param>
/// <param name="Side">The level's side.</param>
/// <param name="Price">The level's price.</param>
/// <param name="Size">The level's new total size; 0 removes it.</param>
/// <param name="Hash">The book's hash after the change, where the venue sends one.</param>
/// <param name="At">When the venue made the change.</param>
/// <param name="MoreInBatch">
/// More changes of the same venue message (or simulation step) follow. A trade moves several levels at once, and the
/// book between two of them can be crossed: the engine applies the whole batch before strategies look at the books.
/// </param>
public sealed record PriceChangeEvent(TokenId Token, Side Side, Price Price, Size Size, string? Hash, DateTimeOffset At, bool MoreInBatch = false)
    : MarketDataEvent(At);
