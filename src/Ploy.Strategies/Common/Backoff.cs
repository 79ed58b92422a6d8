namespace Ploy.Strategies.Common;

/// <summary>
/// Exponential back-off after a rejected (or killed) order, so a strategy whose orders the risk gate or
/// the venue refuses does not re-send the same order every engine step.
/// </summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private int _failures;

    public DateTimeOffset Until { get; private set; } = DateTimeOffset.MinValue;

    public int Failures => _failures;

    public bool IsWaiting(DateTimeOffset now) => now < Until;

    public void Fail(DateTimeOffset now)
    {
        _failures = Math.Min(_failures + 1, 16);
        var delay = initial * Math.Pow(2, _failures - 1);
        Until = now + (delay > max ? max : delay);
    }

    public void Reset()
    {
        _failures = 0;
        Until = DateTimeOffset.MinValue;
    }
}
