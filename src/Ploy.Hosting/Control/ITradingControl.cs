namespace Ploy.Hosting.Control;

/// <summary>
/// What the control API can ask of the engine; implemented by the composition root over the gateway, kill switch,
/// portfolio and strategy host. Reads return the engine's current view; commands return when the engine has taken
/// them (a kill returns after the cancel-all was sent).
/// </summary>
public interface ITradingControl
{
    Task<TradingStatusView> GetStatusAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<PositionView>> GetPositionsAsync(CancellationToken cancellationToken);

    /// <summary>Open and recently finished orders.</summary>
    Task<IReadOnlyList<OrderView>> GetOrdersAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<StrategyView>> GetStrategiesAsync(CancellationToken cancellationToken);

    /// <summary>Stops new intents; resting orders stay.</summary>
    Task<ControlResult> PauseAsync(string? reason, CancellationToken cancellationToken);

    /// <summary>Takes new intents again (refused while the kill switch is engaged).</summary>
    Task<ControlResult> ResumeAsync(CancellationToken cancellationToken);

    /// <summary>Engages the kill switch (halt, persisted) and cancels every open order.</summary>
    Task<ControlResult> KillAsync(string? reason, CancellationToken cancellationToken);

    /// <summary>Cancels every open order without halting.</summary>
    Task<ControlResult> CancelAllAsync(CancellationToken cancellationToken);

    /// <summary>Enables or disables a strategy by id; the id is known to exist (the API checks it first).</summary>
    Task<ControlResult> SetStrategyEnabledAsync(string strategyId, bool enabled, CancellationToken cancellationToken);
}
