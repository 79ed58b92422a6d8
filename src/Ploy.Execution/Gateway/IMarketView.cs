using Ploy.Core.Books;
using Ploy.Core.Markets;
using Ploy.Core.Primitives;

namespace Ploy.Execution.Gateway;

/// <summary>What the gateway reads of market state for its risk checks.</summary>
public interface IMarketView
{
    BinaryMarket? Market(ConditionId condition);

    IOrderBookView? Book(TokenId token);
}
