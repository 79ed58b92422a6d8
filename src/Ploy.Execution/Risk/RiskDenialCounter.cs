using Ploy.Core.Risk;

namespace Ploy.Execution.Risk;

/// <summary>Denials by reason. Written by the gateway only; read from any thread.</summary>
public sealed class RiskDenialCounter
{
    private readonly long[] _counts = new long[Enum.GetValues<RiskDenialReason>().Length];

    public void Increment(RiskDenialReason reason) => Interlocked.Increment(ref _counts[(int)reason]);

    public long this[RiskDenialReason reason] => Interlocked.Read(ref _counts[(int)reason]);

    public long Total
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                total += Interlocked.Read(ref _counts[i]);
            }

            return total;
        }
    }

    public IReadOnlyDictionary<RiskDenialReason, long> Snapshot() =>
        Enum.GetValues<RiskDenialReason>().Where(r => this[r] > 0).ToDictionary(r => r, r => this[r]);
}
