namespace Ploy.Cli.Service;

/// <summary>
/// What the trading loop last published about the engine: read by health, metrics and the control API from any
/// thread without touching engine state (which only the loop owns).
/// </summary>
/// <param name="Ticks">Loop iterations completed.</param>
/// <param name="BooksTrusted">Every book of every listed market is trusted (false before the first snapshot).</param>
/// <param name="MaxBookAge">Age of the stalest book (zero when none).</param>
/// <param name="OpenOrders">Orders live at the venue.</param>
/// <param name="ExposureUsd">Cost basis of every position held.</param>
/// <param name="DailyPnlUsd">Realised PnL of the current UTC day.</param>
/// <param name="AsOf">When it was taken.</param>
internal sealed record EngineView(long Ticks, bool BooksTrusted, TimeSpan MaxBookAge, int OpenOrders, decimal ExposureUsd, decimal DailyPnlUsd, DateTimeOffset AsOf)
{
    public static EngineView Initial(DateTimeOffset now) => new(0, false, TimeSpan.Zero, 0, 0m, 0m, now);
}
