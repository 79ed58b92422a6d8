namespace Ploy.Execution.Gateway;

public sealed record HaltChanged(bool Halted, string? Reason) : GatewayNotification;
