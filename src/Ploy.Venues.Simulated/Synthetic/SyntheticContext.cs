using System.Globalization;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Simulated.Ledger;
using Ploy.Venues.Simulated.Matching;

namespace Ploy.Venues.Simulated.Synthetic;

/// <summary>What synthetic participants share: the engine, the random source, the options, and a way to publish.</summary>
internal sealed class SyntheticContext(MatchingEngine engine, SeededRandom random, SimulationOptions options, Action<DateTimeOffset> flush)
{
    /// <summary>Synthetic orders carry no strategy; the field is required by the intent type only.</summary>
    public static readonly StrategyId Synthetic = new("synthetic");

    private long _orders;

    public MatchingEngine Engine { get; } = engine;

    public VenueLedger Ledger => Engine.Ledger;

    public SeededRandom Random { get; } = random;

    public SimulationOptions Options { get; } = options;

    public EngineSubmitResult Submit(AccountId account, OrderIntent intent, DateTimeOffset now) =>
        Engine.Submit(account, new VenueOrderId(string.Create(CultureInfo.InvariantCulture, $"sim-{++_orders}")), intent, now);

    /// <summary>Publishes the book levels changed since the last flush.</summary>
    public void Flush(DateTimeOffset now) => flush(now);

    /// <summary>Keeps an account's free cash at <paramref name="floor"/> or more (synthetic accounts never run dry).</summary>
    public void TopUp(AccountId account, decimal floor)
    {
        var free = Ledger.AvailableCash(account);
        if (free < floor)
        {
            Ledger.Deposit(account, floor - free);
        }
    }
}
