using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ploy.Core.MarketData;
using Ploy.Execution.Gateway;

namespace Ploy.Cli.Paper;

/// <summary>
/// The live progress line: round, orders, fills and PnL per strategy. Redrawn in place on a terminal; when
/// output is redirected, printed as plain lines at a slower cadence.
/// </summary>
internal sealed class StatusLine(TextWriter output, PaperSettings settings, OrderGateway gateway)
{
    private readonly bool _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private int _width;

    public int RoundsResolved { get; private set; }

    public void Observe(MarketDataEvent marketData)
    {
        if (marketData is MarketResolvedEvent)
        {
            RoundsResolved++;
        }
    }

    public void Update(long step, long? steps)
    {
        var every = _interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);
        if (_sinceDraw.Elapsed < every && step != steps)
        {
            return;
        }

        _sinceDraw.Restart();
        var line = Render(step, steps);
        if (_interactive)
        {
            output.Write('\r' + line.PadRight(_width));
            _width = Math.Max(_width, line.Length);
        }
        else
        {
            output.WriteLine(line);
        }
    }

    public void Finish()
    {
        if (_interactive)
        {
            output.WriteLine();
        }
    }

    private string Render(long step, long? steps)
    {
        var c = CultureInfo.InvariantCulture;
        var simulated = TimeSpan.FromTicks(settings.Simulation.Step.Ticks * step);
        var text = new StringBuilder();
        text.Append(c, $"[{simulated:hh\\:mm\\:ss}");
        if (steps is { } total)
        {
            text.Append(c, $" {100.0 * step / total,3:0}%");
        }

        text.Append(c, $"] round {RoundsResolved + 1} · orders {gateway.Stats.OrdersPlaced} · fills {gateway.Stats.Fills} · PnL {gateway.Ledger.Wallet.RealizedPnl:+0.00;-0.00;0.00}");
        foreach (var (strategy, counters) in gateway.Stats.ByStrategy.OrderBy(s => s.Key.Value, StringComparer.Ordinal))
        {
            var pnl = gateway.Ledger.ByStrategy.TryGetValue(strategy, out var p) ? p.RealizedPnl : 0m;
            text.Append(c, $" | {strategy.Value} {counters.Orders}/{counters.Fills} {pnl:+0.00;-0.00;0.00}");
        }

        if (gateway.KillSwitch.IsHalted)
        {
            text.Append(" | HALTED");
        }

        return text.ToString();
    }
}
