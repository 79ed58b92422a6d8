using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Execution.Risk;
using Ploy.Execution.Tests.Fakes;

namespace Ploy.Execution.Tests;

public sealed class OrderGatewayTests
{
    [Fact]
    public async Task SubmitAsync_JournalsBeforeSending()
    {
        await using var h = new GatewayHarness();
        var journaledAtSubmit = false;
        h.Venue.OnSubmit = order => journaledAtSubmit = h.Journal.Contains(order.ClientId)
            && h.Journal.Order(order.ClientId).Record.VenueId == order.VenueId;

        var order = await h.SubmitAsync(h.Buy());

        Assert.True(journaledAtSubmit);
        Assert.Equal(OrderStatus.Acknowledged, order.Status);
        Assert.Equal(OrderStatus.Acknowledged, h.Journal.Order(order.Id).Status);
        Assert.Equal(1, h.Gateway.Stats.OrdersPlaced);
    }

    [Fact]
    public async Task SubmitAsync_VenueCannotPrepare_RejectedLocally_NothingJournaledOrSent()
    {
        await using var h = new GatewayHarness();
        h.Venue.RefusePrepare = "price 0.965 is off the market's current tick 0.01";

        var order = await h.SubmitAsync(h.Buy());

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Contains("off the market's current tick", order.Reason, StringComparison.Ordinal);
        Assert.False(h.Journal.Contains(order.Id));
        Assert.Empty(h.Venue.Submitted);

        h.Venue.RefusePrepare = null; // the gateway keeps working: the next order goes out
        Assert.Equal(OrderStatus.Acknowledged, (await h.SubmitAsync(h.Buy())).Status);
    }

    [Fact]
    public async Task SubmitAsync_UnknownOutcome_IsNeverResent_AndResolvesByVenueId()
    {
        await using var h = new GatewayHarness();
        h.Venue.Answer = p =>
        {
            h.Venue.Land(p); // it did reach the venue, but the answer was lost
            return SubmitResult.Unknown(new VenueError(VenueErrorKind.Timeout, "timed out", true));
        };

        var order = await h.SubmitAsync(h.Buy());
        Assert.Equal(OrderStatus.Unknown, order.Status);

        h.Clock.Advance(TimeSpan.FromSeconds(5));
        await h.Gateway.ResolveUnknownAsync(CancellationToken.None);

        Assert.Single(h.Venue.Submitted);
        Assert.Equal(OrderStatus.Acknowledged, order.Status);
        Assert.Equal(1, h.Gateway.Stats.UnknownSubmits);
    }

    [Fact]
    public async Task ResolveUnknown_TradesOnly_AppliesFillsOnce()
    {
        await using var h = new GatewayHarness();
        h.Venue.Answer = _ => SubmitResult.Unknown(new VenueError(VenueErrorKind.Transport, "reset", true));
        var order = await h.SubmitAsync(h.Buy(size: 10m));
        h.Venue.Trade(h.Venue.Submitted[0], Size.Of(10m)); // matched and forgotten: only the trade remains
        h.Clock.Advance(TimeSpan.FromSeconds(5));

        await h.Gateway.ResolveUnknownAsync(CancellationToken.None);
        await h.PumpAsync(); // the same trade arrives on the user channel too

        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(10m, h.Ledger.Wallet.SharesOf(h.Market.Yes));
        Assert.Single(h.Journal.Fills);
        Assert.Single(h.Venue.Submitted);
    }

    [Fact]
    public async Task ResolveUnknown_NotAtVenueAfterGrace_IsRejectedNotResent()
    {
        await using var h = new GatewayHarness();
        h.Venue.Answer = _ => SubmitResult.Unknown(new VenueError(VenueErrorKind.Timeout, "timed out", true));
        var order = await h.SubmitAsync(h.Buy());

        h.Clock.Advance(TimeSpan.FromSeconds(5));
        await h.Gateway.ResolveUnknownAsync(CancellationToken.None);
        Assert.Equal(OrderStatus.Unknown, order.Status); // too early to conclude

        h.Clock.Advance(TimeSpan.FromSeconds(60));
        await h.Gateway.ResolveUnknownAsync(CancellationToken.None);
        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Single(h.Venue.Submitted);
    }

    [Fact]
    public async Task SubmitAsync_JournalDown_FailsClosed_ThenRecovers()
    {
        await using var h = new GatewayHarness();
        h.Journal.FailWrites = true;

        var refused = await h.SubmitAsync(h.Buy());

        Assert.Equal(OrderStatus.Rejected, refused.Status);
        Assert.Empty(h.Venue.Submitted);
        Assert.False(h.Gateway.JournalHealthy);

        h.Journal.FailWrites = false;
        var accepted = await h.SubmitAsync(h.Buy());
        Assert.Equal(OrderStatus.Acknowledged, accepted.Status);
        Assert.True(h.Gateway.JournalHealthy);
        Assert.Single(h.Venue.Submitted);
    }

    [Fact]
    public async Task Fills_AreAppliedOncePerTrade()
    {
        await using var h = new GatewayHarness();
        var order = await h.SubmitAsync(h.Buy(price: 0.50m, size: 10m));
        var fill = h.Venue.Trade(h.Venue.Submitted[0], Size.Of(4m));
        await h.PumpAsync();
        await h.Gateway.ApplyVenueEventAsync(new VenueFillEvent(fill), CancellationToken.None); // duplicate

        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(4m, order.FilledQuantity.Shares);
        Assert.Equal(4m, h.Ledger.Wallet.SharesOf(h.Market.Yes));
        Assert.Equal(1000m - 2m, h.Ledger.Wallet.Cash);
        Assert.Equal(1, h.Gateway.Stats.Fills);
    }

    [Fact]
    public async Task RiskDenial_IsCountedAndNotSent()
    {
        await using var h = new GatewayHarness(risk: new RiskOptions { MaxOrderNotional = 3m, MaxPositionPerMarket = 10m });

        var order = await h.SubmitAsync(h.Buy(price: 0.50m, size: 10m));

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.StartsWith("risk: MaxOrderNotional", order.Reason, StringComparison.Ordinal);
        Assert.Equal(1, h.Gateway.Denials[Core.Risk.RiskDenialReason.MaxOrderNotional]);
        Assert.Empty(h.Venue.Submitted);
        Assert.False(h.Journal.Contains(order.Id));
    }

    [Fact]
    public async Task Halt_CancelsResting_BlocksBuys_AllowsReduceOnlySells_AndIsPersisted()
    {
        var journal = new InMemoryJournal();
        await using (var h = new GatewayHarness(journal))
        {
            var buy = await h.SubmitAsync(h.Buy(size: 10m));
            h.Venue.Trade(h.Venue.Submitted[0], Size.Of(10m));
            await h.PumpAsync();
            var resting = await h.SubmitAsync(h.Buy(price: 0.45m, size: 10m));

            await h.Gateway.HaltAsync("operator", CancellationToken.None);

            Assert.Equal(OrderStatus.Filled, buy.Status);
            Assert.Equal(OrderStatus.Cancelled, resting.Status);
            Assert.Equal(OrderStatus.Rejected, (await h.SubmitAsync(h.Buy())).Status);
            Assert.Equal(OrderStatus.Acknowledged, (await h.SubmitAsync(h.Sell(price: 0.50m, size: 10m))).Status);
        }

        await using var restarted = new GatewayHarness(journal);
        Assert.True(restarted.KillSwitch.IsHalted);
        Assert.Equal("operator", restarted.KillSwitch.State.Reason);
    }

    [Fact]
    public async Task DailyLossLimit_BreachedByFills_HaltsTrading()
    {
        await using var h = new GatewayHarness(risk: new RiskOptions { DailyLossLimit = 1m });
        await h.SubmitAsync(h.Buy(price: 0.50m, size: 10m));
        h.Venue.Trade(h.Venue.Submitted[0], Size.Of(10m));
        await h.PumpAsync();
        await h.SubmitAsync(h.Sell(price: 0.35m, size: 10m));
        h.Venue.Trade(h.Venue.Submitted[1], Size.Of(10m)); // sold 0.15 lower: −1.5 realised
        await h.PumpAsync();

        Assert.Equal(-1.5m, h.Ledger.DailyRealizedPnl);
        Assert.True(h.KillSwitch.IsHalted);
        Assert.NotNull(h.Journal.KillSwitch);
        Assert.True(h.Journal.KillSwitch!.Halted);
        Assert.Contains("daily loss limit", h.KillSwitch.State.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_RestartAfterCrash_ResolvesJournaledOrdersByVenueId()
    {
        var journal = new InMemoryJournal();
        var venue = new ScriptedVenue();
        PreparedOrder? landed = null;
        await using (var before = new GatewayHarness(journal, venue))
        {
            venue.Answer = p =>
            {
                venue.Land(p);
                landed = p;
                return SubmitResult.Unknown(new VenueError(VenueErrorKind.Timeout, "crash before the answer", true));
            };
            await before.SubmitAsync(before.Buy(size: 10m));
        }

        venue.Trade(landed!, Size.Of(6m), publish: false); // filled partly while we were down
        venue.Cash -= 3m;
        venue.Tokens[new TokenId("yes")] = 6m;
        venue.Answer = null;

        await using var after = new GatewayHarness(journal, venue);
        var report = after.StartReport!;

        Assert.True(report.Succeeded);
        Assert.Equal(1, report.OrdersChecked);
        Assert.Equal(1, report.FillsImported);
        Assert.Empty(report.Discrepancies);
        var order = after.Gateway.Orders.Find(landed!.ClientId)!;
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(6m, after.Ledger.Wallet.SharesOf(new TokenId("yes")));
        Assert.Single(venue.Submitted);
    }

    [Fact]
    public async Task Reconcile_Restart_AppliesTheFillsJournaledAfterTheSnapshot_WhateverTheirVenueTimes()
    {
        // The venue stamps trades with its own clock (here 1970, before any snapshot): the restored wallet must still
        // take the fill journaled after the last snapshot. Deciding by time dropped it and forced a ledger adoption.
        var journal = new InMemoryJournal();
        var venue = new ScriptedVenue();
        var yes = new TokenId("yes");
        PreparedOrder? placed = null;
        await using (var before = new GatewayHarness(journal, venue))
        {
            venue.OnSubmit = p => placed = p;
            await before.SubmitAsync(before.Buy(price: 0.50m, size: 10m));
            venue.Trade(placed!, Size.Of(4m));
            await before.PumpAsync();
            await before.Gateway.CheckpointAsync(CancellationToken.None);
            venue.Trade(placed!, Size.Of(3m));
            await before.PumpAsync();
        } // killed: no checkpoint after the second fill

        venue.Cash -= 3.5m;
        venue.Tokens[yes] = 7m;
        await using var after = new GatewayHarness(journal, venue);

        Assert.True(after.StartReport!.Succeeded);
        Assert.Empty(after.StartReport.Discrepancies);
        Assert.Equal(7m, after.Ledger.Wallet.SharesOf(yes));
        Assert.Equal(7m, after.Ledger.For(new StrategyId("test")).SharesOf(yes));
    }

    [Fact]
    public async Task FillWhileTheJournalIsDown_IsAppliedNow_JournaledBeforeTheNextSnapshot_AndCountedOnceAfterARestart()
    {
        var journal = new InMemoryJournal();
        var venue = new ScriptedVenue();
        var yes = new TokenId("yes");
        PreparedOrder? placed = null;
        await using (var before = new GatewayHarness(journal, venue))
        {
            venue.OnSubmit = p => placed = p;
            await before.SubmitAsync(before.Buy(price: 0.50m, size: 10m));
            journal.FailWrites = true; // disk full
            venue.Trade(placed!, Size.Of(4m));
            await before.PumpAsync();
            Assert.Equal(4m, before.Ledger.Wallet.SharesOf(yes)); // the venue says it happened
            Assert.Empty(journal.Fills);

            journal.FailWrites = false;
            await before.Gateway.CheckpointAsync(CancellationToken.None);
            Assert.Single(journal.Fills); // written before the snapshot that holds it
        }

        venue.Cash -= 2m;
        venue.Tokens[yes] = 4m;
        await using var after = new GatewayHarness(journal, venue);

        Assert.Empty(after.StartReport!.Discrepancies);
        Assert.Equal(4m, after.Ledger.Wallet.SharesOf(yes));
    }

    [Fact]
    public async Task LateFill_OfAnOrderTerminalAtStartUp_IsBookedToItsOrderAndStrategy()
    {
        var journal = new InMemoryJournal();
        var venue = new ScriptedVenue();
        PreparedOrder? placed = null;
        await using (var before = new GatewayHarness(journal, venue))
        {
            venue.OnSubmit = p => placed = p;
            var order = await before.SubmitAsync(before.Buy(price: 0.50m, size: 10m));
            Assert.True(await before.Gateway.CancelAsync(order.Id, CancellationToken.None));
        }

        await using var after = new GatewayHarness(journal, venue);
        Assert.Null(after.Gateway.Orders.Find(placed!.ClientId)); // terminal: not loaded
        venue.Trade(placed!, Size.Of(2m)); // matched just before the cancel; reported late
        await after.PumpAsync();

        var fill = Assert.Single(journal.Fills);
        Assert.Equal(placed!.ClientId, fill.Order);
        Assert.Equal(2m, after.Ledger.For(new StrategyId("test")).SharesOf(new TokenId("yes")));
    }

    [Fact]
    public async Task Reconcile_VenueUnreachable_Fails()
    {
        var venue = new ScriptedVenue { Unreachable = true };
        await using var h = new GatewayHarness(venue: venue, reconcile: false);
        var report = await h.Gateway.ReconcileAsync(await h.Journal.LoadAsync(CancellationToken.None), CancellationToken.None);
        Assert.False(report.Succeeded);
        Assert.NotNull(report.Failure);
    }

    [Fact]
    public async Task SubmitAsync_RunawayStrategy_IsThrottledPerMinute()
    {
        await using var h = new GatewayHarness(risk: new RiskOptions { MaxOrdersPerMinutePerStrategy = 3, MaxOpenOrders = 100 });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(OrderStatus.Acknowledged, (await h.SubmitAsync(h.Buy(price: 0.45m, size: 5m))).Status);
        }

        Assert.Equal(OrderStatus.Rejected, (await h.SubmitAsync(h.Buy(price: 0.45m, size: 5m))).Status);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(OrderStatus.Acknowledged, (await h.SubmitAsync(h.Buy(price: 0.45m, size: 5m))).Status);
    }

    [Fact]
    public async Task QueueLength_IsZeroWhenIdle()
    {
        await using var h = new GatewayHarness();
        await h.SubmitAsync(h.Buy());
        Assert.Equal(0, h.Gateway.QueueLength);
    }
}
