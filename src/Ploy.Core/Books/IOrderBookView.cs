using Ploy.Core.Primitives;

namespace Ploy.Core.Books;

/// <summary>What strategies may read of a book (they never mutate one).</summary>
public interface IOrderBookView
{
    TokenId Token { get; }

    BookLevel? BestBid { get; }

    BookLevel? BestAsk { get; }

    decimal? Mid { get; }

    decimal? Spread { get; }

    bool IsTrusted { get; }

    DateTimeOffset LastUpdate { get; }

    int CopyDepth(Side side, Span<BookLevel> destination);

    Size DepthAtOrBetter(Side side, Price limit);
}
