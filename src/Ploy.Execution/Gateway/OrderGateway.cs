using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ploy.Core.Journal;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Core.Venues;
using Ploy.Execution.Accounting;
using Ploy.Execution.Diagnostics;
using Ploy.Execution.Risk;
using Ploy.Execution.Safety;

namespace Ploy.Execution.Gateway;

/// <summary>
/// The single writer of order state for one wallet. Every command — submit, cancel, venue news, halt — is a
/// work item on one bounded channel, run one at a time by <see cref="RunAsync"/>; callers await the result.
/// An order is journaled (with its precomputed venue id) before it is sent, and a submit whose outcome is
/// unknown is never re-sent: it is resolved later by venue id.
/// </summary>
public sealed partial class OrderGateway
{
    private readonly Channel<WorkItem> _queue;
    private readonly Channel<GatewayNotification> _notifications = Channel.CreateUnbounded<GatewayNotification>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly IVenue _venue;
    private readonly IJournal _journal;
    private readonly RiskGate _risk;
    private readonly KillSwitch _killSwitch;
    private readonly IMarketView _markets;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ExecutionMetrics _metrics;
    private readonly GatewayOptions _options;
    private readonly OrderRateWindow _orderRate = new(TimeSpan.FromMinutes(1));

    /// <summary>Fills applied while the journal refused writes, oldest first; written before the journal's next write.</summary>
    private readonly List<Fill> _unjournaledFills = [];

    public OrderGateway(
        IVenue venue,
        IJournal journal,
        RiskGate risk,
        KillSwitch killSwitch,
        AccountLedger ledger,
        IMarketView markets,
        TimeProvider clock,
        ILogger logger,
        ExecutionMetrics metrics,
        GatewayOptions options)
    {
        _venue = venue;
        _journal = journal;
        _risk = risk;
        _killSwitch = killSwitch;
        Ledger = ledger;
        _markets = markets;
        _clock = clock;
        _logger = logger;
        _metrics = metrics;
        _options = options;
        _queue = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public OrderStore Orders { get; } = new();

    public AccountLedger Ledger { get; }

    public GatewayStats Stats { get; } = new();

    public RiskDenialCounter Denials { get; } = new();

    public KillSwitch KillSwitch => _killSwitch;

    /// <summary>Commands waiting to run (the order queue of the health check).</summary>
    public int QueueLength => _queue.Reader.Count;

    /// <summary>
    /// How long the oldest command still waiting in the queue has waited (zero when the queue is empty): the delay a
    /// new command would see before the single writer gets to it. Safe to read from any thread.
    /// </summary>
    public TimeSpan OldestQueuedCommandAge =>
        _queue.Reader.TryPeek(out var oldest) ? _clock.GetElapsedTime(oldest.EnqueuedAt) : TimeSpan.Zero;

    /// <summary>False after a journal write failed, until one succeeds again.</summary>
    public bool JournalHealthy { get; private set; } = true;

    public ChannelReader<GatewayNotification> Notifications => _notifications.Reader;

    /// <summary>The writer loop. Ends when the queue completes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            await item.RunAsync(cancellationToken);
        }
    }

    /// <summary>Stops taking commands; <see cref="RunAsync"/> finishes the ones queued and returns.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    public Task<Order> SubmitAsync(ClientOrderId id, OrderIntent intent, CancellationToken cancellationToken) =>
        EnqueueAsync(ct => SubmitCoreAsync(id, intent, ct), cancellationToken);

    public Task<bool> CancelAsync(ClientOrderId id, CancellationToken cancellationToken) =>
        EnqueueAsync(ct => CancelCoreAsync(id, ct), cancellationToken);

    public Task<int> CancelAllAsync(CancellationToken cancellationToken) =>
        EnqueueAsync(CancelAllCoreAsync, cancellationToken);

    public Task ApplyVenueEventAsync(VenueEvent venueEvent, CancellationToken cancellationToken) =>
        EnqueueAsync(async ct =>
        {
            await ApplyVenueEventCoreAsync(venueEvent, ct);
            return true;
        }, cancellationToken);

    /// <summary>Runs <paramref name="read"/> on the writer, for a consistent view (API, summaries).</summary>
    public Task<T> ReadAsync<T>(Func<OrderGateway, T> read, CancellationToken cancellationToken) =>
        EnqueueAsync(_ => Task.FromResult(read(this)), cancellationToken);

    private async Task<T> EnqueueAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var item = new WorkItem<T>(work, _clock.GetTimestamp());
        await _queue.Writer.WriteAsync(item, cancellationToken);
        return await item.Completion;
    }

    private void Notify(GatewayNotification notification) => _notifications.Writer.TryWrite(notification);

    private DateTimeOffset Now => _clock.GetUtcNow();

    private abstract class WorkItem(long enqueuedAt)
    {
        /// <summary>When the command was queued, as a <see cref="TimeProvider"/> timestamp.</summary>
        public long EnqueuedAt { get; } = enqueuedAt;

        public abstract Task RunAsync(CancellationToken cancellationToken);
    }

    private sealed class WorkItem<T>(Func<CancellationToken, Task<T>> work, long enqueuedAt) : WorkItem(enqueuedAt)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Completion => _completion.Task;

        public override async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                _completion.TrySetResult(await work(cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _completion.TrySetCanceled(cancellationToken);
                throw;
            }
            catch (Exception ex)
            {
                // A bug or broken invariant: the caller sees it, and the loop stops so the host exits non-zero
                // (the supervisor restarts it; start-up reconciliation makes that safe).
                _completion.TrySetException(ex);
                throw;
            }
        }
    }
}
