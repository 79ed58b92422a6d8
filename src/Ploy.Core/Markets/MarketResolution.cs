using Ploy.Core.Primitives;

namespace Ploy.Core.Markets;

/// <summary>The decided outcome of a market: the winning token pays 1 per share, the other 0.</summary>
public sealed record MarketResolution(ConditionId Condition, Outcome Winner, DateTimeOffset ResolvedAt);
