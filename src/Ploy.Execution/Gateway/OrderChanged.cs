using Ploy.Core.Orders;

namespace Ploy.Execution.Gateway;

public sealed record OrderChanged(Order Order) : GatewayNotification;
