using System.Threading.Channels;
using Ploy.Core.Primitives;

namespace Ploy.Core.MarketData;

/// <summary>The market-data port: a stream of events for the tokens subscribed.</summary>
public interface IMarketDataFeed
{
    ChannelReader<MarketDataEvent> Events { get; }

    Task SubscribeAsync(IReadOnlyCollection<TokenId> tokens, CancellationToken cancellationToken);

    Task UnsubscribeAsync(IReadOnlyCollection<TokenId> tokens, CancellationToken cancellationToken);
}
