using Ploy.Core.Journal;

namespace Ploy.Execution.Safety;

/// <summary>
/// The halt: while engaged no new risk is taken (buys refused), resting orders are cancelled, and
/// reduce-only exits stay allowed. The state is persisted by the gateway before it takes effect, so a
/// restart comes back halted.
/// </summary>
public sealed class KillSwitch
{
    private volatile KillSwitchState _state;

    public KillSwitch(KillSwitchState? restored, DateTimeOffset now) =>
        _state = restored ?? new KillSwitchState(false, null, now);

    public bool IsHalted => _state.Halted;

    public KillSwitchState State => _state;

    public static KillSwitchState Halt(string reason, DateTimeOffset now) => new(true, reason, now);

    public static KillSwitchState Resume(DateTimeOffset now) => new(false, null, now);

    /// <summary>Applies a state once it is durable.</summary>
    public void Apply(KillSwitchState state) => _state = state;
}
