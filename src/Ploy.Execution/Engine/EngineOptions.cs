namespace Ploy.Execution.Engine;

public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>A book with no update for this long is untrusted until its next snapshot.</summary>
    public TimeSpan MaxBookAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often portfolio and risk counters are checkpointed to the journal.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often orders of unknown outcome are looked up at the venue.</summary>
    public TimeSpan ResolveInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Prefix of client order ids, unique per process start so ids never repeat across restarts.</summary>
    public string OrderIdPrefix { get; set; } = "ploy";
}
