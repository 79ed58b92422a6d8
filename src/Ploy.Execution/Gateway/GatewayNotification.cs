namespace Ploy.Execution.Gateway;

/// <summary>What the gateway tells the engine after it changed something: an order's status, a fill, the halt.</summary>
public abstract record GatewayNotification;
