using Ploy.Core.Orders;
using Ploy.Core.Primitives;

namespace Ploy.Execution.Gateway;

public sealed record OrderFilled(StrategyId Strategy, Fill Fill) : GatewayNotification;
