using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ploy.Venues.Simulated;

namespace Ploy.VenueServer;

/// <summary>
/// <c>ploy venue</c>: a <see cref="SimulatedExchange"/> served on 127.0.0.1 over the real Polymarket CLOB V2 protocol
/// — public REST, L1/L2 authenticated REST with EIP-712 order verification, the market and user WebSocket
/// channels, heartbeats, and operating modes switched by an admin endpoint.
/// </summary>
public sealed class VenueHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly VenueCore _core;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private bool _stopped;

    private VenueHost(WebApplication app, VenueCore core, ILogger logger)
    {
        _app = app;
        _core = core;
        _logger = logger;
    }

    /// <summary>The base address once started, e.g. http://127.0.0.1:8090.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The simulated exchange (for tools and tests; take care not to race the server).</summary>
    public SimulatedExchange Exchange => _core.Exchange;

    /// <summary>The current operating mode.</summary>
    public VenueMode Mode
    {
        get => _core.Mode;
        set => _core.Mode = value;
    }

    internal VenueCore Core => _core;

    /// <summary>Builds the host; <paramref name="wall"/> is the clock for auth windows and heartbeats (the simulation runs off it × speed).</summary>
    public static VenueHost Create(VenueServerOptions options, TimeProvider? wall = null, ILoggerFactory? loggerFactory = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid venue options: " + string.Join("; ", problems), nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        // WebSocket handlers run until their client leaves: stopping waits for them at most this long, not the default 30 s.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        var app = builder.Build();
        var logger = (loggerFactory ?? app.Services.GetRequiredService<ILoggerFactory>()).CreateLogger("Ploy.VenueServer");
        var core = new VenueCore(options, wall ?? TimeProvider.System, logger);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        PublicEndpoints.Map(app, core);
        TradingEndpoints.Map(app, core, logger);
        AdminEndpoints.Map(app, core, logger);
        WebSocketEndpoints.Map(app, core, logger);
        GammaEndpoints.Map(app, core);
        RtdsEndpoints.Map(app, core, logger);
        return new VenueHost(app, core, logger);
    }

    /// <summary>Starts listening and, when <see cref="VenueServerOptions.AutoAdvance"/>, the simulation loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/";
        BaseAddress = new Uri(baseAddress);
        Log.Listening(_logger, baseAddress, _core.Options.Simulation.Seed, _core.Options.Speed, _core.Options.ChainId);
        if (_core.Options.AutoAdvance)
        {
            _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
        }
    }

    /// <summary>Advances the simulation to now, expires heartbeats and publishes changes (the loop's body; tests call it).</summary>
    public void Pump() => _core.Pump();

    /// <summary>After <see cref="StartAsync"/>: serves until <paramref name="cancellationToken"/> fires or the simulation loop fails, then stops.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource();
        await using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await Task.WhenAny(stopped.Task, _loop);
        }

        await StopAsync();
        await _loop;
    }

    /// <summary>Stops the loop and the server (idempotent; a faulted loop is reported by <see cref="WaitForShutdownAsync"/>).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _app.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_core.Options.PumpInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                _core.Pump();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            // A faulted loop stops the venue: RunAsync returns and the process exits non-zero.
            Log.PumpFailed(_logger, ex);
            throw;
        }
    }
}
