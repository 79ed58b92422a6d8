using System.Data.Common;
using System.Globalization;
using Ploy.Core.Journal;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Time;
using Ploy.Persistence.Migrations;

namespace Ploy.Persistence.Tests;

/// <summary>
/// What every <see cref="IJournal"/> provider must do. A provider's test class derives from this and supplies
/// a fresh, empty store per test (xUnit makes one instance per test) and the few provider-specific hooks.
/// </summary>
public abstract class JournalContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private readonly List<IJournal> _opened = [];

    protected ManualTimeProvider Time { get; } = new(Start);

    /// <summary>Creates the empty store this test uses.</summary>
    protected abstract Task CreateStoreAsync();

    /// <summary>Removes the store (after every journal of the test is disposed).</summary>
    protected abstract Task DropStoreAsync();

    /// <summary>A new, not yet initialised journal on this test's store.</summary>
    protected abstract IJournal CreateJournal();

    protected abstract MigrationRunner CreateMigrationRunner();

    /// <summary>Every user schema object (tables, columns, indexes, triggers) as comparable text, sorted.</summary>
    protected abstract Task<IReadOnlyList<string>> DescribeSchemaAsync();

    /// <summary>Runs raw SQL on the store from a separate connection.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>Makes the store refuse the journal's writes until the result is disposed.</summary>
    protected abstract Task<IAsyncDisposable> BlockWritesAsync();

    public Task InitializeAsync() => CreateStoreAsync();

    public async Task DisposeAsync()
    {
        foreach (var journal in _opened)
        {
            await ((IAsyncDisposable)journal).DisposeAsync();
        }

        await DropStoreAsync();
    }

    [Fact]
    public async Task RecordOrderAsync_FullIntent_LoadsAsJournaledWithEveryField()
    {
        var journal = await OpenAsync();
        var gtd = NewOrder("c-1", "0xaaa1", type: OrderType.Gtd, postOnly: true, expiresAt: Start.AddHours(1), tag: "take-profit", payload: "{\"signed\":true}", epoch: 7);
        var bare = NewOrder("c-2", "0xaaa2", side: Side.Sell, epoch: 7, createdAt: Start.AddSeconds(1));

        await journal.RecordOrderAsync(gtd, CancellationToken.None);
        await journal.RecordOrderAsync(bare, CancellationToken.None);
        var snapshot = await journal.LoadAsync(CancellationToken.None);

        Assert.Equal([gtd, bare], snapshot.Orders.Select(o => o.Record));
        Assert.All(snapshot.Orders, o =>
        {
            Assert.Equal(OrderStatus.Journaled, o.Status);
            Assert.Equal(Size.Zero, o.Filled);
            Assert.Equal(0m, o.FilledNotional);
            Assert.Null(o.Reason);
            Assert.Equal(o.Record.CreatedAt, o.UpdatedAt);
        });
        var loaded = snapshot.Orders[0];
        Assert.Equal(7, loaded.Record.FencingEpoch);
        Assert.Equal("{\"signed\":true}", loaded.Record.Payload);
        Assert.Equal(Start.AddHours(1), loaded.Record.Intent.ExpiresAt);
        Assert.Null(snapshot.Orders[1].Record.Payload);
        Assert.Equal(OrderStatus.Journaled, loaded.ToOrder().Status);
    }

    [Fact]
    public async Task RecordOrderAsync_Order_StartsEventLogWithJournaled()
    {
        var journal = await OpenAsync();
        var order = NewOrder("c-1", "0x1");

        await journal.RecordOrderAsync(order, CancellationToken.None);

        var events = await Inspector(journal).ReadOrderEventsAsync(order.Id, CancellationToken.None);
        var only = Assert.Single(events);
        Assert.Equal((OrderStatus.Created, OrderStatus.Journaled, order.CreatedAt), (only.From, only.To, only.At));
    }

    [Fact]
    public async Task RecordOrderAsync_DuplicateClientId_ThrowsAndKeepsFirst()
    {
        var journal = await OpenAsync();
        var first = NewOrder("c-1", "0x1");
        await journal.RecordOrderAsync(first, CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() => journal.RecordOrderAsync(NewOrder("c-1", "0x2"), CancellationToken.None));

        var snapshot = await journal.LoadAsync(CancellationToken.None);
        Assert.Equal(first, Assert.Single(snapshot.Orders).Record);
    }

    [Fact]
    public async Task RecordOrderAsync_DuplicateVenueId_Throws()
    {
        var journal = await OpenAsync();
        await journal.RecordOrderAsync(NewOrder("c-1", "0x1"), CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() => journal.RecordOrderAsync(NewOrder("c-2", "0x1"), CancellationToken.None));

        Assert.Single((await journal.LoadAsync(CancellationToken.None)).Orders);
    }

    [Fact]
    public async Task RecordOrderAsync_EpochOlderThanJournaled_IsRefused()
    {
        var journal = await OpenAsync();
        await journal.RecordOrderAsync(NewOrder("c-1", "0x1", epoch: 5), CancellationToken.None);
        await journal.RecordOrderAsync(NewOrder("c-2", "0x2", epoch: 5), CancellationToken.None);

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => journal.RecordOrderAsync(NewOrder("c-3", "0x3", epoch: 4), CancellationToken.None));
        await journal.RecordOrderAsync(NewOrder("c-4", "0x4", epoch: 6), CancellationToken.None);

        Assert.Contains("stale fencing epoch", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["c-1", "c-2", "c-4"], (await journal.LoadAsync(CancellationToken.None)).Orders.Select(o => o.Record.Id.Value));
    }

    [Fact]
    public async Task RecordTransitionAsync_Lifecycle_UpdatesLatestStateAndAppendsEveryEvent()
    {
        var journal = await OpenAsync();
        var order = NewOrder("c-1", "0x1", quantity: 10m);
        await journal.RecordOrderAsync(order, CancellationToken.None);
        OrderTransitionRecord[] transitions =
        [
            new(order.Id, OrderStatus.Journaled, OrderStatus.Submitted, Size.Zero, 0m, null, Start.AddMilliseconds(1)),
            new(order.Id, OrderStatus.Submitted, OrderStatus.Acknowledged, Size.Zero, 0m, "resting", Start.AddMilliseconds(2)),
            new(order.Id, OrderStatus.Acknowledged, OrderStatus.PartiallyFilled, Size.Of(4m), 1.8m, null, Start.AddMilliseconds(3)),
            new(order.Id, OrderStatus.PartiallyFilled, OrderStatus.Cancelled, Size.Of(4m), 1.8m, "user cancel", Start.AddMilliseconds(4)),
        ];

        foreach (var transition in transitions)
        {
            await journal.RecordTransitionAsync(transition, CancellationToken.None);
        }

        var loaded = Assert.Single((await journal.LoadAsync(CancellationToken.None)).Orders);
        Assert.Equal(OrderStatus.Cancelled, loaded.Status);
        Assert.Equal(Size.Of(4m), loaded.Filled);
        Assert.Equal(1.8m, loaded.FilledNotional);
        Assert.Equal("user cancel", loaded.Reason);
        Assert.Equal(Start.AddMilliseconds(4), loaded.UpdatedAt);
        Assert.Equal(order, loaded.Record);
        var events = await Inspector(journal).ReadOrderEventsAsync(order.Id, CancellationToken.None);
        Assert.Equal(transitions, events.Skip(1));
    }

    [Fact]
    public async Task RecordTransitionAsync_NullReason_KeepsStoredReasonLikeTheDomain()
    {
        var journal = await OpenAsync();
        var order = NewOrder("c-1", "0x1");
        await journal.RecordOrderAsync(order, CancellationToken.None);
        await journal.RecordTransitionAsync(new(order.Id, OrderStatus.Journaled, OrderStatus.Submitted, Size.Zero, 0m, "sent", Start), CancellationToken.None);
        await journal.RecordTransitionAsync(new(order.Id, OrderStatus.Submitted, OrderStatus.Unknown, Size.Zero, 0m, null, Start), CancellationToken.None);

        var loaded = Assert.Single((await journal.LoadAsync(CancellationToken.None)).Orders);

        Assert.Equal((OrderStatus.Unknown, "sent"), (loaded.Status, loaded.Reason));
        Assert.Null((await Inspector(journal).ReadOrderEventsAsync(order.Id, CancellationToken.None))[^1].Reason);
    }

    [Fact]
    public async Task RecordTransitionAsync_AfterAMissedWrite_StillConvergesToTheLatestState()
    {
        var journal = await OpenAsync();
        var order = NewOrder("c-1", "0x1");
        await journal.RecordOrderAsync(order, CancellationToken.None);

        // Journaled -> Submitted was never written (say the disk was briefly busy); the next write must land anyway.
        await journal.RecordTransitionAsync(
            new(order.Id, OrderStatus.Submitted, OrderStatus.Acknowledged, Size.Zero, 0m, null, Start.AddSeconds(2)), CancellationToken.None);

        Assert.Equal(OrderStatus.Acknowledged, Assert.Single((await journal.LoadAsync(CancellationToken.None)).Orders).Status);
        var events = await Inspector(journal).ReadOrderEventsAsync(order.Id, CancellationToken.None);
        Assert.Equal((OrderStatus.Submitted, OrderStatus.Acknowledged), (events[^1].From, events[^1].To));
    }

    [Fact]
    public async Task RecordTransitionAsync_UnknownOrder_Throws()
    {
        var journal = await OpenAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordTransitionAsync(
            new(new ClientOrderId("ghost"), OrderStatus.Journaled, OrderStatus.Submitted, Size.Zero, 0m, null, Start), CancellationToken.None));

        Assert.Equal(0, (await Inspector(journal).CountsAsync(CancellationToken.None)).OrderEvents);
    }

    [Fact]
    public async Task RecordFillAsync_NewFill_ReturnsTrueAndLoadsExactly()
    {
        var journal = await OpenAsync();
        var fill = NewFill("t-1", "c-1", isMaker: true, settlement: SettlementStatus.Mined);

        Assert.True(await journal.RecordFillAsync(fill, CancellationToken.None));

        Assert.Equal(fill, Assert.Single((await journal.LoadAsync(CancellationToken.None)).Fills));
    }

    [Fact]
    public async Task RecordFillAsync_SameTradeAndOrderAgain_ReturnsFalseAndKeepsOriginal()
    {
        var journal = await OpenAsync();
        var original = NewFill("t-1", "c-1", price: 0.41m);
        await journal.RecordFillAsync(original, CancellationToken.None);

        var duplicate = await journal.RecordFillAsync(NewFill("t-1", "c-1", price: 0.99m, quantity: 1m), CancellationToken.None);

        Assert.False(duplicate);
        Assert.Equal(original, Assert.Single((await journal.LoadAsync(CancellationToken.None)).Fills));
    }

    [Fact]
    public async Task RecordFillAsync_SameTradeOtherOrder_StoresBoth()
    {
        var journal = await OpenAsync();

        Assert.True(await journal.RecordFillAsync(NewFill("t-1", "c-1"), CancellationToken.None));
        Assert.True(await journal.RecordFillAsync(NewFill("t-1", "c-2"), CancellationToken.None));

        Assert.Equal(2, (await journal.LoadAsync(CancellationToken.None)).Fills.Count);
    }

    [Fact]
    public async Task SavePortfolioAsync_TwoSnapshots_LoadsOnlyTheLatest()
    {
        var journal = await OpenAsync();
        await journal.SavePortfolioAsync(
            new PortfolioSnapshot(1000m, [Position("mm", "tok-a", 10m), Position("mm", "tok-b", 5m)], Start),
            CancellationToken.None);
        var latest = new PortfolioSnapshot(950.25m, [Position("mm", "tok-b", 7m), Position("arb", "tok-b", 1.5m)], Start.AddMinutes(1));

        await journal.SavePortfolioAsync(latest, CancellationToken.None);

        var loaded = (await journal.LoadAsync(CancellationToken.None)).Portfolio;
        Assert.NotNull(loaded);
        Assert.Equal((latest.Cash, latest.At), (loaded.Cash, loaded.At));
        Assert.Equal(latest.Positions.OrderBy(p => p.Strategy.Value), loaded.Positions.OrderBy(p => p.Strategy.Value));
    }

    [Fact]
    public async Task LoadAsync_FillsAfterPortfolio_AreExactlyThoseJournaledAfterTheSnapshot_WhateverTheirTimes()
    {
        // The venue's trade times come from another clock in whole seconds: a fill journaled after the snapshot can
        // carry an earlier time, one before it a later time, and two after it the wrong order (a sell before the buy it
        // sells). Only the journal's order may decide which fills and in what order (kill test).
        var journal = await OpenAsync();
        await journal.RecordFillAsync(NewFill("before-late-time", "c-1") with { Time = Start.AddMinutes(5) }, CancellationToken.None);
        await journal.SavePortfolioAsync(new PortfolioSnapshot(1000m, [Position("mm", "tok-a", 10m)], Start.AddMinutes(1)), CancellationToken.None);
        await journal.RecordFillAsync(NewFill("after-1", "c-1") with { Time = Start.AddMinutes(2) }, CancellationToken.None);
        await journal.RecordFillAsync(NewFill("after-2", "c-2") with { Time = Start }, CancellationToken.None);

        var snapshot = await journal.LoadAsync(CancellationToken.None);

        Assert.Equal(3, snapshot.Fills.Count);
        Assert.Equal(["after-1", "after-2"], snapshot.FillsAfterPortfolio!.Select(f => f.Trade.Value)); // journal order

        await journal.SavePortfolioAsync(new PortfolioSnapshot(990m, [], Start.AddMinutes(3)), CancellationToken.None);
        Assert.Empty((await journal.LoadAsync(CancellationToken.None)).FillsAfterPortfolio!);
    }

    [Fact]
    public async Task LoadAsync_NoPortfolioYet_EveryFillIsAfterIt()
    {
        var journal = await OpenAsync();
        await journal.RecordFillAsync(NewFill("t-1", "c-1"), CancellationToken.None);

        var snapshot = await journal.LoadAsync(CancellationToken.None);

        Assert.Null(snapshot.Portfolio);
        Assert.Equal("t-1", Assert.Single(snapshot.FillsAfterPortfolio!).Trade.Value);
    }

    [Fact]
    public async Task LoadAsync_EmptyJournal_HasNoPortfolioNorKillSwitch()
    {
        var journal = await OpenAsync();

        var snapshot = await journal.LoadAsync(CancellationToken.None);

        Assert.Empty(snapshot.Orders);
        Assert.Empty(snapshot.Fills);
        Assert.Null(snapshot.Portfolio);
        Assert.Null(snapshot.KillSwitch);
    }

    [Fact]
    public async Task SaveKillSwitchAsync_HaltThenResume_LoadsTheLatest()
    {
        var journal = await OpenAsync();
        await journal.SaveKillSwitchAsync(new KillSwitchState(true, "operator kill", Start), CancellationToken.None);
        var halted = (await journal.LoadAsync(CancellationToken.None)).KillSwitch;

        await journal.SaveKillSwitchAsync(new KillSwitchState(false, null, Start.AddMinutes(5)), CancellationToken.None);

        Assert.Equal(new KillSwitchState(true, "operator kill", Start), halted);
        Assert.Equal(new KillSwitchState(false, null, Start.AddMinutes(5)), (await journal.LoadAsync(CancellationToken.None)).KillSwitch);
    }

    [Fact]
    public async Task SaveDailyRiskAsync_SameDayTwice_KeepsLatestPerDay()
    {
        var journal = await OpenAsync();
        var today = DateOnly.FromDateTime(Start.UtcDateTime);
        await journal.SaveDailyRiskAsync(new DailyRiskState(today, -3.5m, 4, 1), CancellationToken.None);
        await journal.SaveDailyRiskAsync(new DailyRiskState(today, -12.75m, 9, 2), CancellationToken.None);
        await journal.SaveDailyRiskAsync(new DailyRiskState(today.AddDays(-1), 40m, 100, 0), CancellationToken.None);

        Assert.Equal(new DailyRiskState(today, -12.75m, 9, 2), await journal.LoadDailyRiskAsync(today, CancellationToken.None));
        Assert.Equal(new DailyRiskState(today.AddDays(-1), 40m, 100, 0), await journal.LoadDailyRiskAsync(today.AddDays(-1), CancellationToken.None));
        Assert.Null(await journal.LoadDailyRiskAsync(today.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task LoadAsync_AfterReopeningTheStore_RestoresEverything()
    {
        var journal = await OpenAsync();
        var order = NewOrder("c-1", "0x1", quantity: 10m);
        var fill = NewFill("t-1", "c-1", quantity: 10m);
        await journal.RecordOrderAsync(order, CancellationToken.None);
        await journal.RecordTransitionAsync(new(order.Id, OrderStatus.Journaled, OrderStatus.Submitted, Size.Zero, 0m, null, Start), CancellationToken.None);
        await journal.RecordTransitionAsync(new(order.Id, OrderStatus.Submitted, OrderStatus.Filled, Size.Of(10m), 4.5m, null, Start.AddSeconds(1)), CancellationToken.None);
        await journal.RecordFillAsync(fill, CancellationToken.None);
        await journal.SavePortfolioAsync(new PortfolioSnapshot(995.5m, [Position("mm", "tok-a", 10m)], Start), CancellationToken.None);
        await journal.SaveKillSwitchAsync(new KillSwitchState(true, "drawdown", Start), CancellationToken.None);
        await journal.SaveDailyRiskAsync(new DailyRiskState(new DateOnly(2026, 11, 22), -1m, 1, 0), CancellationToken.None);
        await ((IAsyncDisposable)journal).DisposeAsync();

        var reopened = await OpenAsync();
        var snapshot = await reopened.LoadAsync(CancellationToken.None);

        var restored = Assert.Single(snapshot.Orders);
        Assert.Equal(order, restored.Record);
        Assert.Equal((OrderStatus.Filled, Size.Of(10m), 4.5m, Start.AddSeconds(1)), (restored.Status, restored.Filled, restored.FilledNotional, restored.UpdatedAt));
        Assert.Equal(fill, Assert.Single(snapshot.Fills));
        Assert.Equal(995.5m, snapshot.Portfolio?.Cash);
        Assert.Equal(new KillSwitchState(true, "drawdown", Start), snapshot.KillSwitch);
        Assert.Equal(-1m, (await reopened.LoadDailyRiskAsync(new DateOnly(2026, 11, 22), CancellationToken.None))?.RealizedPnl);
        Assert.Equal(3, (await Inspector(reopened).ReadOrderEventsAsync(order.Id, CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("0.1234567")]
    [InlineData("123456789.123456")]
    [InlineData("-987654321.987654321")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1.10")]
    [InlineData("0")]
    public async Task Decimals_EveryMoneyColumn_RoundTripExactlyWithScale(string text)
    {
        var value = decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
        var journal = await OpenAsync();
        var order = NewOrder("c-1", "0x1");
        await journal.RecordOrderAsync(order, CancellationToken.None);
        await journal.RecordTransitionAsync(new(order.Id, OrderStatus.Journaled, OrderStatus.Submitted, Size.Zero, value, null, Start), CancellationToken.None);
        await journal.RecordFillAsync(NewFill("t-1", "c-1") with { Fee = value }, CancellationToken.None);
        await journal.SavePortfolioAsync(new PortfolioSnapshot(value, [new PositionSnapshot(new StrategyId("s"), new TokenId("t"), value, value, value, value)], Start), CancellationToken.None);
        await journal.SaveDailyRiskAsync(new DailyRiskState(new DateOnly(2026, 1, 1), value, 0, 0), CancellationToken.None);

        var snapshot = await journal.LoadAsync(CancellationToken.None);
        var position = Assert.Single(snapshot.Portfolio!.Positions);
        decimal[] loaded =
        [
            snapshot.Orders[0].FilledNotional, snapshot.Fills[0].Fee, snapshot.Portfolio.Cash, position.Shares, position.AverageCost,
            position.RealizedPnl, position.FeesPaid, (await journal.LoadDailyRiskAsync(new DateOnly(2026, 1, 1), CancellationToken.None))!.RealizedPnl,
        ];

        Assert.All(loaded, d => Assert.Equal(text, d.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Decimals_SeededRandomValues_RoundTripExactly()
    {
        var random = new Random(20261122);
        var values = Enumerable.Range(0, 200)
            .Select(_ => new decimal(random.Next(), random.Next(), random.Next(0, 1 << 20), random.Next(2) == 0, (byte)random.Next(0, 23)))
            .ToList();
        var journal = await OpenAsync();
        var day = new DateOnly(2026, 1, 1);

        foreach (var (value, index) in values.Select((v, i) => (v, i)))
        {
            await journal.SaveDailyRiskAsync(new DailyRiskState(day.AddDays(index), value, index, 0), CancellationToken.None);
        }

        for (var index = 0; index < values.Count; index++)
        {
            var loaded = await journal.LoadDailyRiskAsync(day.AddDays(index), CancellationToken.None);
            Assert.Equal(values[index].ToString(CultureInfo.InvariantCulture), loaded!.RealizedPnl.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Timestamps_SubMillisecondAndNonUtcOffsets_RoundTripAsTheSameInstant()
    {
        var journal = await OpenAsync();
        var at = new DateTimeOffset(2026, 11, 22, 10, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234560);

        await journal.SaveKillSwitchAsync(new KillSwitchState(true, null, at), CancellationToken.None);

        var loaded = (await journal.LoadAsync(CancellationToken.None)).KillSwitch!.ChangedAt;
        Assert.Equal(at.UtcTicks, loaded.UtcTicks);
        Assert.Equal(TimeSpan.Zero, loaded.Offset);
    }

    [Fact]
    public async Task RecordOrderAsync_ManyConcurrentCalls_AllDurable()
    {
        var journal = await OpenAsync();

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => journal.RecordOrderAsync(NewOrder($"c-{i:D3}", $"0x{i:D3}"), CancellationToken.None))));

        var counts = await Inspector(journal).CountsAsync(CancellationToken.None);
        Assert.Equal(64, counts.OrdersByStatus[OrderStatus.Journaled]);
        Assert.Equal(64, counts.OrderEvents);
    }

    [Fact]
    public async Task CountsAsync_MixedJournal_CountsByStatusAndFills()
    {
        var journal = await OpenAsync();
        await journal.RecordOrderAsync(NewOrder("c-1", "0x1"), CancellationToken.None);
        await journal.RecordOrderAsync(NewOrder("c-2", "0x2"), CancellationToken.None);
        await journal.RecordTransitionAsync(new(new("c-2"), OrderStatus.Journaled, OrderStatus.Submitted, Size.Zero, 0m, null, Start), CancellationToken.None);
        await journal.RecordFillAsync(NewFill("t-1", "c-2"), CancellationToken.None);

        var counts = await Inspector(journal).CountsAsync(CancellationToken.None);

        Assert.Equal(1, counts.OrdersByStatus[OrderStatus.Journaled]);
        Assert.Equal(1, counts.OrdersByStatus[OrderStatus.Submitted]);
        Assert.Equal((2, 1, 3), (counts.Orders, counts.Fills, counts.OrderEvents));
    }

    [Fact]
    public async Task OrderEvents_RawDeleteOrUpdate_IsRefusedByTheStore()
    {
        var journal = await OpenAsync();
        await journal.RecordOrderAsync(NewOrder("c-1", "0x1"), CancellationToken.None);

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteSqlAsync("DELETE FROM order_events"));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteSqlAsync("UPDATE order_events SET to_status = 'Filled'"));

        Assert.Equal(1, (await Inspector(journal).CountsAsync(CancellationToken.None)).OrderEvents);
    }

    [Fact]
    public async Task Writes_WhileStoreRefusesWrites_ThrowAndChangeNothing()
    {
        var journal = await OpenAsync();
        await journal.RecordOrderAsync(NewOrder("c-1", "0x1"), CancellationToken.None);

        await using (await BlockWritesAsync())
        {
            await Assert.ThrowsAnyAsync<DbException>(() => journal.RecordOrderAsync(NewOrder("c-2", "0x2"), CancellationToken.None));
            await Assert.ThrowsAnyAsync<DbException>(() => journal.RecordFillAsync(NewFill("t-1", "c-1"), CancellationToken.None));
            await Assert.ThrowsAnyAsync<DbException>(() => journal.SaveKillSwitchAsync(new KillSwitchState(true, "x", Start), CancellationToken.None));
        }

        var snapshot = await journal.LoadAsync(CancellationToken.None);
        Assert.Equal(["c-1"], snapshot.Orders.Select(o => o.Record.Id.Value));
        Assert.Empty(snapshot.Fills);
        Assert.Null(snapshot.KillSwitch);
        await journal.RecordOrderAsync(NewOrder("c-2", "0x2"), CancellationToken.None);
    }

    [Fact]
    public async Task Writes_AfterDispose_ThrowObjectDisposed()
    {
        var journal = await OpenAsync();
        await ((IAsyncDisposable)journal).DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.RecordOrderAsync(NewOrder("c-1", "0x1"), CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.RecordFillAsync(NewFill("t-1", "c-1"), CancellationToken.None));
    }

    [Fact]
    public async Task Writes_BeforeInitialize_Throw()
    {
        var journal = Track(CreateJournal());

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordOrderAsync(NewOrder("c-1", "0x1"), CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_Twice_IsIdempotent()
    {
        var journal = await OpenAsync();
        await journal.RecordOrderAsync(NewOrder("c-1", "0x1"), CancellationToken.None);

        await journal.InitializeAsync(CancellationToken.None);

        Assert.Single((await journal.LoadAsync(CancellationToken.None)).Orders);
        Assert.All(await CreateMigrationRunner().GetStatusAsync(CancellationToken.None), s => Assert.Equal(MigrationState.Applied, s.State));
    }

    [Fact]
    public async Task GetStatusAsync_FreshStore_AllPendingThenAllAppliedAtTheClock()
    {
        var runner = CreateMigrationRunner();
        var before = await runner.GetStatusAsync(CancellationToken.None);

        Time.Advance(TimeSpan.FromMinutes(3));
        var applied = await runner.MigrateAsync(CancellationToken.None);
        var after = await runner.GetStatusAsync(CancellationToken.None);

        Assert.NotEmpty(before);
        Assert.All(before, s => Assert.Equal(MigrationState.Pending, s.State));
        Assert.Equal(runner.Migrations.Select(m => m.Version), applied);
        Assert.All(after, s => Assert.Equal((MigrationState.Applied, Start.AddMinutes(3)), (s.State, s.AppliedAt)));
        Assert.Empty(await runner.MigrateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Migrations_UpDownUp_LeaveTheSameSchema()
    {
        var runner = CreateMigrationRunner();
        await runner.MigrateAsync(CancellationToken.None);
        var up = await DescribeSchemaAsync();

        var reverted = await runner.RollbackAsync(0, CancellationToken.None);
        var down = await DescribeSchemaAsync();
        await runner.MigrateAsync(CancellationToken.None);
        var upAgain = await DescribeSchemaAsync();

        Assert.Equal(runner.Migrations.Select(m => m.Version).Reverse(), reverted);
        Assert.Contains(up, o => o.Contains("orders", StringComparison.Ordinal));
        Assert.All(down, o => Assert.Contains("schema_migrations", o, StringComparison.Ordinal));
        Assert.Equal(up, upAgain);
    }

    [Fact]
    public async Task Migrations_TamperedChecksum_AreDetectedAndBlockStart()
    {
        var runner = CreateMigrationRunner();
        await runner.MigrateAsync(CancellationToken.None);

        await ExecuteSqlAsync("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1");

        await Assert.ThrowsAsync<MigrationChecksumException>(() => runner.MigrateAsync(CancellationToken.None));
        await Assert.ThrowsAsync<MigrationChecksumException>(() => runner.RollbackAsync(0, CancellationToken.None));
        await Assert.ThrowsAsync<MigrationChecksumException>(() => Track(CreateJournal()).InitializeAsync(CancellationToken.None));
        Assert.Equal(MigrationState.ChecksumMismatch, (await runner.GetStatusAsync(CancellationToken.None))[0].State);
    }

    [Fact]
    public async Task Migrations_AppliedByANewerBuild_AreReportedAndDoNotBlockStart()
    {
        var runner = CreateMigrationRunner();
        await runner.MigrateAsync(CancellationToken.None);
        await ExecuteSqlAsync("INSERT INTO schema_migrations (version, name, checksum, applied_at) " +
            "SELECT 9999, 'from_the_future', 'abc', applied_at FROM schema_migrations WHERE version = 1");

        var journal = await OpenAsync();
        await journal.RecordOrderAsync(NewOrder("c-1", "0x1"), CancellationToken.None);
        var status = await runner.GetStatusAsync(CancellationToken.None);

        Assert.Equal((9999, MigrationState.AppliedUnknown), (status[^1].Version, status[^1].State));
        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RollbackAsync(0, CancellationToken.None));
    }

    protected async Task<IJournal> OpenAsync()
    {
        var journal = Track(CreateJournal());
        await journal.InitializeAsync(CancellationToken.None);
        return journal;
    }

    protected static OrderRecord NewOrder(
        string id,
        string venueId,
        Side side = Side.Buy,
        decimal price = 0.45m,
        decimal quantity = 10m,
        OrderType type = OrderType.Gtc,
        bool postOnly = false,
        DateTimeOffset? expiresAt = null,
        string? tag = null,
        string? payload = null,
        long epoch = 1,
        DateTimeOffset? createdAt = null) =>
        new(
            new ClientOrderId(id),
            new VenueOrderId(venueId),
            new OrderIntent(
                new StrategyId("mm"),
                new ConditionId("0xcond"),
                new TokenId("tok-a"),
                side,
                Price.Of(price),
                Size.Of(quantity),
                type,
                postOnly,
                expiresAt,
                tag),
            payload,
            epoch,
            createdAt ?? Start);

    protected static Fill NewFill(
        string trade,
        string order,
        decimal price = 0.45m,
        decimal quantity = 10m,
        bool isMaker = false,
        SettlementStatus settlement = SettlementStatus.Matched) =>
        new(
            new TradeId(trade),
            new ClientOrderId(order),
            new VenueOrderId("0x" + order),
            new TokenId("tok-a"),
            Side.Buy,
            Price.Of(price),
            Size.Of(quantity),
            0.0123m,
            isMaker,
            Start.AddTicks(10),
            settlement);

    private static PositionSnapshot Position(string strategy, string token, decimal shares) =>
        new(new StrategyId(strategy), new TokenId(token), shares, 0.45m, 1.25m, 0.01m);

    private static IJournalInspector Inspector(IJournal journal) =>
        Assert.IsAssignableFrom<IJournalInspector>(journal);

    private IJournal Track(IJournal journal)
    {
        _opened.Add(journal);
        return journal;
    }
}
