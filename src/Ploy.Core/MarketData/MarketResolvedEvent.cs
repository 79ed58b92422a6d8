using Ploy.Core.Markets;

namespace Ploy.Core.MarketData;

public sealed record MarketResolvedEvent(MarketResolution Resolution) : MarketDataEvent(Resolution.ResolvedAt);
