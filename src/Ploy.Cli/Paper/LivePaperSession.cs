using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Ploy.Core.Journal;
using Ploy.Core.Orders;
using Ploy.Core.Strategies;
using Ploy.Core.Time;
using Ploy.Core.Venues;
using Ploy.Execution.Accounting;
using Ploy.Execution.Diagnostics;
using Ploy.Execution.Engine;
using Ploy.Execution.Gateway;
using Ploy.Execution.Risk;
using Ploy.Execution.Safety;
using Ploy.Venues.Polymarket.Adapter;
using Ploy.Venues.Polymarket.Gamma;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Rtds;
using Ploy.Venues.Polymarket.Signing;
using Ploy.Venues.Polymarket.WebSocket;

namespace Ploy.Cli.Paper;

/// <summary>
/// The live path of <c>ploy paper --venue-url URL</c>: the same engine, gateway, risk gate and strategies as
/// <see cref="PaperSession"/>, but the venue is <see cref="PolymarketVenue"/> over HTTP and WebSocket against
/// <c>ploy venue</c>, on real time. It derives an API key with the configured key, journals to SQLite, and at the end
/// compares the journal's wallet with the venue's ledger.
/// </summary>
public sealed class LivePaperSession(PaperSettings settings, VenueUrlSettings venueSettings, IReadOnlyList<IStrategy> strategies, IJournal journal,
    ILoggerFactory loggers, TextWriter output)
{
    private static readonly TimeSpan TimerInterval = TimeSpan.FromSeconds(1);

    public async Task<PaperSummary> RunAsync(CancellationToken cancellationToken)
    {
        var problems = venueSettings.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        var time = TimeProvider.System;
        // Market times are read on the venue's clock (ploy venue --speed N runs its own); the REST client signs on this machine's.
        var market = new MarketClock(time);
        var url = venueSettings.VenueUrl!;
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new PolymarketClobClient(http, new PolymarketClobClientOptions { BaseAddress = url }, time, loggers.CreateLogger<PolymarketClobClient>());
        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(venueSettings.PrivateKey));
        var catalog = new PolymarketMarketCatalog();
        var venueOptions = new PolymarketVenueOptions { ChainId = venueSettings.ChainId, HeartbeatInterval = venueSettings.HeartbeatInterval };
        var streamOptions = new PolymarketStreamOptions
        {
            BaseAddress = PolymarketStreamOptions.SocketBase(url),
            SnapshotRefreshInterval = venueSettings.SnapshotRefreshInterval,
            PingInterval = TimeSpan.FromSeconds(5),
        };
        await using var venue = new PolymarketVenue(client, signer, catalog, venueOptions, streamOptions, market, loggers);
        if (await PolymarketMarketClock.FollowAsync(client, market, time, loggers.CreateLogger<LivePaperSession>(), cancellationToken))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Following the venue's simulated clock ({market.Speed:0.##}x)."));
        }

        var started = await venue.StartAsync(cancellationToken);
        if (!started.IsSuccess)
        {
            throw new InvalidOperationException($"Could not sign in to the venue at {url}: {started.Error}.");
        }

        await output.WriteLineAsync($"Signed in to {url} as {signer.Address} (API key {venue.ApiKey}).");
        // Rounds (what each market measures, its price to beat) come from Gamma; the reference price from RTDS.
        var gamma = new PolymarketGammaClient(http, new PolymarketGammaClientOptions { BaseAddress = venueSettings.EffectiveGammaUrl }, time, loggers.CreateLogger<PolymarketGammaClient>());
        var rounds = new PolymarketRoundDirectory(gamma, new PolymarketRoundDiscoveryOptions { Series = [.. venueSettings.RoundSeries] }, market, loggers.CreateLogger<PolymarketRoundDirectory>());
        var reference = new PolymarketRtdsStream(new PolymarketRtdsOptions { Address = venueSettings.EffectiveRtdsUrl }, market, loggers.CreateLogger<PolymarketRtdsStream>());
        await using var feed = new PolymarketMarketDataFeed(client, new PolymarketMarketStream(streamOptions, market, loggers.CreateLogger<PolymarketMarketStream>()),
            catalog, venueOptions, market, loggers.CreateLogger<PolymarketMarketDataFeed>(), rounds, reference);

        await journal.InitializeAsync(CancellationToken.None);
        var snapshot = await journal.LoadAsync(CancellationToken.None);
        var now = market.GetUtcNow();
        var ledger = new AccountLedger(0m, DateOnly.FromDateTime(now.UtcDateTime));
        var killSwitch = new KillSwitch(snapshot.KillSwitch, now);
        var markets = new MarketState();
        using var metrics = new ExecutionMetrics();
        var gateway = new OrderGateway(venue, journal, new RiskGate(settings.Risk), killSwitch, ledger, markets, market,
            loggers.CreateLogger("Ploy.Execution"), metrics, settings.Gateway);
        using var stopWriter = new CancellationTokenSource();
        var writer = gateway.RunAsync(stopWriter.Token);
        try
        {
            var reconciling = Stopwatch.StartNew();
            var report = await gateway.ReconcileAsync(snapshot, CancellationToken.None);
            if (!report.Succeeded)
            {
                throw new InvalidOperationException($"Start-up reconciliation failed: {report.Failure}. Not trading.");
            }

            // One line a supervisor (and the crash test, scripts/kill-test.sh) reads: how long recovery took and how many
            // intents a previous process left without an answer (journaled before the wire, then it died).
            var inFlight = snapshot.Orders.Count(o => o.Status is OrderStatus.Journaled or OrderStatus.Submitted or OrderStatus.Unknown);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Reconciled in {reconciling.Elapsed.TotalMilliseconds:0.0} ms: {inFlight} in-flight intents, {report.OrdersChecked} open orders checked, " +
                $"{report.FillsImported} fills imported, {report.Discrepancies.Count} ledger differences; trading."));

            if (report.Discrepancies.Count > 0)
            {
                await output.WriteLineAsync($"Start-up reconciliation: adopted the venue's ledger ({report.Discrepancies.Count} differences: {string.Join("; ", report.Discrepancies.Take(3))}).");
            }

            await feed.StartAsync(cancellationToken);
            var engine = new TradingEngine(gateway, markets, strategies, market, settings.Engine);
            var status = new StatusLine(output, settings, gateway);
            var clock = Stopwatch.StartNew();
            var marketStart = market.GetUtcNow();
            var completed = await RunLoopAsync(engine, feed, venue, status, clock, cancellationToken);
            // In the venue's time: against ploy venue --speed 60, a minute here is an hour of rounds there.
            var span = market.GetUtcNow() - marketStart;
            // The session is over: nothing new is placed and nothing stays resting, so the account stops changing
            // (a resting quote could fill while the ledgers are compared). Cancels and the last fills still travel.
            foreach (var strategy in strategies)
            {
                engine.SetEnabled(strategy.Id, false);
            }

            await gateway.CancelAllAsync(CancellationToken.None);
            await DrainAsync(engine, feed, venue, status, TimeSpan.FromSeconds(2));
            var venueLedger = await CaughtUpLedgerAsync(engine, feed, venue, status, gateway, http, url, signer.Address);
            await gateway.CheckpointAsync(CancellationToken.None);
            status.Finish();
            return await SummarizeAsync(gateway, venueLedger, completed, status.RoundsResolved, span);
        }
        finally
        {
            gateway.Complete();
            await writer;
        }
    }

    private async Task<bool> RunLoopAsync(TradingEngine engine, PolymarketMarketDataFeed feed, PolymarketVenue venue, StatusLine status, Stopwatch clock,
        CancellationToken cancellationToken)
    {
        var duration = settings.Duration;
        var nextTimer = TimerInterval;
        long ticks = 0;
        long? totalTicks = duration is { } d ? (long)(d / TimerInterval) : null;
        while (!cancellationToken.IsCancellationRequested)
        {
            await PumpAsync(engine, feed, venue, status);
            var elapsed = clock.Elapsed;
            if (elapsed >= nextTimer)
            {
                nextTimer += TimerInterval;
                await engine.OnTimerAsync(CancellationToken.None);
                status.Update(++ticks, totalTicks);
            }

            if (duration is { } limit && elapsed >= limit)
            {
                return true;
            }

            var wait = nextTimer - clock.Elapsed;
            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            waiting.CancelAfter(wait);
            try
            {
                await Task.WhenAny(feed.Events.WaitToReadAsync(waiting.Token).AsTask(), venue.Events.WaitToReadAsync(waiting.Token).AsTask());
            }
            finally
            {
                await waiting.CancelAsync();
            }
        }

        return false;
    }

    private static async Task DrainAsync(TradingEngine engine, PolymarketMarketDataFeed feed, PolymarketVenue venue, StatusLine status, TimeSpan period)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < period)
        {
            await PumpAsync(engine, feed, venue, status);
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }

        await PumpAsync(engine, feed, venue, status);
    }

    /// <summary>
    /// The venue's ledger once ours has caught up with it. A round the venue resolved in the last moments reaches us only
    /// with the next markets poll (every few seconds): poll now, and if the ledgers still differ, give the account's
    /// news a moment and compare again, a few times, before reporting a difference.
    /// </summary>
    private async Task<VenueResult<VenueBalances>> CaughtUpLedgerAsync(TradingEngine engine, PolymarketMarketDataFeed feed, PolymarketVenue venue,
        StatusLine status, OrderGateway gateway, HttpClient http, Uri url, string address)
    {
        for (var attempt = 1; ; attempt++)
        {
            await feed.PollOnceAsync(CancellationToken.None);
            await PumpAsync(engine, feed, venue, status);
            var ledger = await VenueLedgerAsync(venue, http, url, address);
            if (!ledger.IsSuccess || attempt == 3
                || await gateway.ReadAsync(g => LedgerComparison.Compare(g.Ledger.Wallet, ledger.Value!).Count == 0, CancellationToken.None))
            {
                return ledger;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }
    }

    private static async Task PumpAsync(TradingEngine engine, PolymarketMarketDataFeed feed, PolymarketVenue venue, StatusLine status)
    {
        var busy = true;
        while (busy)
        {
            busy = false;
            while (feed.Events.TryRead(out var marketData))
            {
                busy = true;
                status.Observe(marketData);
                await engine.OnMarketDataAsync(marketData, CancellationToken.None);
            }

            while (venue.Events.TryRead(out var venueEvent))
            {
                busy = true;
                await engine.OnVenueEventAsync(venueEvent, CancellationToken.None);
            }
        }
    }

    /// <summary>The venue's view of our wallet: <c>/admin/ledger</c> when an admin token is configured, else balance-allowance + trades.</summary>
    private async Task<VenueResult<VenueBalances>> VenueLedgerAsync(PolymarketVenue venue, HttpClient http, Uri url, string address)
    {
        if (venueSettings.AdminToken is { Length: > 0 } token)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "admin/ledger?address=" + Uri.EscapeDataString(address)));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(CancellationToken.None));
                    var root = document.RootElement;
                    var cash = decimal.Parse(root.GetProperty("cash").GetString()!, CultureInfo.InvariantCulture);
                    var tokens = new Dictionary<Core.Primitives.TokenId, decimal>();
                    foreach (var holding in root.GetProperty("tokens").EnumerateArray())
                    {
                        var balance = decimal.Parse(holding.GetProperty("balance").GetString()!, CultureInfo.InvariantCulture);
                        if (balance != 0m)
                        {
                            tokens[new Core.Primitives.TokenId(holding.GetProperty("asset_id").GetString()!)] = balance;
                        }
                    }

                    return VenueResult<VenueBalances>.Ok(new VenueBalances(cash, tokens));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                await output.WriteLineAsync($"The venue's admin ledger could not be read ({ex.GetType().Name}); comparing with balance-allowance instead.");
            }
        }

        return await venue.GetBalancesAsync(CancellationToken.None);
    }

    private async Task<PaperSummary> SummarizeAsync(OrderGateway gateway, VenueResult<VenueBalances> venueLedger, bool completed, int rounds, TimeSpan elapsed)
    {
        return await gateway.ReadAsync(g =>
        {
            var differences = venueLedger.IsSuccess
                ? LedgerComparison.Compare(g.Ledger.Wallet, venueLedger.Value!)
                : [$"venue ledger unavailable: {venueLedger.Error}"];
            return PaperSummaryBuilder.Build(g, settings, strategies, elapsed.TotalSeconds, completed, rounds, differences);
        }, CancellationToken.None);
    }
}
