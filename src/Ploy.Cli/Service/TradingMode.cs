namespace Ploy.Cli.Service;

/// <summary>What <c>ploy run</c> trades against (config key <c>Mode</c>). Paper is the default everywhere.</summary>
public enum TradingMode
{
    /// <summary>The in-process simulated venue, advanced in real time; no keys, no network.</summary>
    Paper,

    /// <summary>Polymarket with real money (needs the live adapter and the Polymarket credentials).</summary>
    Live,
}
