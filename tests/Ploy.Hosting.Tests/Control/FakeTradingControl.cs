using Ploy.Hosting.Control;
using Ploy.Testing;

namespace Ploy.Hosting.Tests.Control;

internal sealed class FakeTradingControl : ITradingControl
{
    public List<string> Commands { get; } = [];

    public bool Halted { get; set; }

    public Dictionary<string, bool> Strategies { get; } = new(StringComparer.Ordinal) { ["momentum"] = true, ["mean-revert"] = false };

    public Task<TradingStatusView> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new TradingStatusView("paper", "simulated", false, Halted, Halted ? "manual" : null, 2, 40.5m, 1.25m, TestTime.Start));

    public Task<IReadOnlyList<PositionView>> GetPositionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PositionView>>([new PositionView("123", "btc-up", "Yes", 10m, 0.45m, 0m, 0.5m)]);

    public Task<IReadOnlyList<OrderView>> GetOrdersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrderView>>([new OrderView("c1", "0xabc", "123", "Buy", 0.45m, 10m, 0m, "Live", "momentum", TestTime.Start)]);

    public Task<IReadOnlyList<StrategyView>> GetStrategiesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StrategyView>>(Strategies.Select(s => new StrategyView(s.Key, s.Value, null)).ToArray());

    public Task<ControlResult> PauseAsync(string? reason, CancellationToken cancellationToken)
    {
        Commands.Add($"pause:{reason}");
        return Task.FromResult(ControlResult.Ok("paused"));
    }

    public Task<ControlResult> ResumeAsync(CancellationToken cancellationToken)
    {
        Commands.Add("resume");
        return Task.FromResult(Halted ? ControlResult.Refused("halted: reset the kill switch first") : ControlResult.Ok("resumed"));
    }

    public Task<ControlResult> KillAsync(string? reason, CancellationToken cancellationToken)
    {
        Commands.Add($"kill:{reason}");
        Halted = true;
        return Task.FromResult(ControlResult.Ok("halted", ordersCancelled: 2));
    }

    public Task<ControlResult> CancelAllAsync(CancellationToken cancellationToken)
    {
        Commands.Add("cancel-all");
        return Task.FromResult(ControlResult.Ok("cancelled", ordersCancelled: 2));
    }

    public Task<ControlResult> SetStrategyEnabledAsync(string strategyId, bool enabled, CancellationToken cancellationToken)
    {
        Commands.Add($"{(enabled ? "enable" : "disable")}:{strategyId}");
        Strategies[strategyId] = enabled;
        return Task.FromResult(ControlResult.Ok("ok"));
    }
}
