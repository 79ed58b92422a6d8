using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ploy.Core.Journal;
using Ploy.Core.Time;
using Ploy.Hosting.Control;
using Ploy.Hosting.Health;
using Ploy.Hosting.Logging;
using Ploy.Hosting.Metrics;
using Ploy.Hosting.Resilience;
using Ploy.Persistence;
using Ploy.Strategies;
using Ploy.Venues.Simulated;

namespace Ploy.Cli.Service;

/// <summary>
/// Composes <c>ploy run</c>: refuses what must not start (an unusable database; in live mode a venue it cannot sign in
/// to, or credentials that are not the key's), migrates and opens the journal, then builds the ASP.NET Core host —
/// metrics registered before anything counts, health, readiness, the control API, the circuit-broken venue (the
/// simulated exchange in paper mode, the Polymarket adapter in live mode), and the trading loop as a hosted service,
/// which reconciles before anything trades or reports ready.
/// </summary>
public static class ServiceHost
{
    public static async Task<ServiceApplication> BuildAsync(ServiceSettings settings, IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        var time = TimeProvider.System;
        // What the engine and strategies compare market times with: the machine's clock, unless the venue runs a simulated one.
        var market = new MarketClock(time);

        // The journal first: without it nothing may trade, and it must not wait behind a venue sign-in.
        var journal = await OpenJournalAsync(settings.Database, time, cancellationToken);
        DatabaseProbe? probe = null;
        ITradingVenue? source = null;
        WebApplication? app = null;
        try
        {
            var snapshot = await journal.LoadAsync(cancellationToken);
            probe = new DatabaseProbe(settings.Database, settings.Health.ProbeTimeout);
            source = settings.Mode == TradingMode.Live
                ? new PolymarketTradingVenue(settings.Polymarket, time, market)
                : new SimulatedTradingVenue(new SimulatedExchange(settings.Simulation, time), settings.Simulation.Step);
            app = Build(settings, configuration, journal, snapshot, probe, source, time, market);

            // Signs in with the host's loggers (the same JSON output); the runtime that uses the venue is created after.
            await source.ConnectAsync(app.Services.GetRequiredService<ILoggerFactory>(), cancellationToken);
            var service = new ServiceApplication(app, journal, probe, source);
            var runtime = app.Services.GetRequiredService<TradingRuntime>();
            try
            {
                runtime.SetDeployments(await probe.QueryAsync(cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.DeploymentsUnreadable(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ploy.Cli.Service"), ex.GetType().Name);
            }

            return service;
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (source is not null)
            {
                await source.DisposeAsync();
            }

            if (probe is not null)
            {
                await probe.DisposeAsync();
            }

            await journal.DisposeAsync();
            throw;
        }
    }

    private static WebApplication Build(ServiceSettings settings, IConfiguration configuration, IJournalStore journal, JournalSnapshot snapshot, DatabaseProbe probe,
        ITradingVenue source, TimeProvider time, MarketClock market)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddPloyConsoleLogging(configuration);
        builder.WebHost.UsePloyListener(settings.Control);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Service.ShutdownTimeout);

        var services = builder.Services;
        var registry = new CircuitBreakerRegistry();
        var strategies = StrategyCatalog.CreateEnabled(settings.Strategies);
        services.AddSingleton(time);
        services.AddSingleton(settings);
        services.AddSingleton(registry);
        services.AddSingleton(probe);
        services.AddSingleton(sp => new TradingRuntime(
            settings,
            source,
            new ResilientVenue(source.Venue, settings.Resilience, time, registry, sp.GetService<ILogger<ResilientVenue>>()),
            journal,
            snapshot,
            strategies,
            market,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ITradingStateSource>(sp => sp.GetRequiredService<TradingRuntime>());
        services.AddSingleton<IReadinessSource>(sp => sp.GetRequiredService<TradingRuntime>());
        services.AddSingleton<ITradingControl>(sp => sp.GetRequiredService<TradingRuntime>());
        services.AddSingleton<IHealthProbes, ServiceHealthProbes>();

        // Before the trading loop: a measurement made before the collector listens is lost.
        services.AddPloyMetrics();
        services.AddPloyHealth(o =>
        {
            o.ProbeTimeout = settings.Health.ProbeTimeout;
            o.Version = settings.Health.Version;
        });
        services.AddSingleton(sp => new TradingDriver(sp.GetRequiredService<TradingRuntime>(), market, sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILogger<TradingDriver>>()));
        services.AddHostedService(sp => sp.GetRequiredService<TradingDriver>());

        var app = builder.Build();
        app.MapPloyHealth();
        app.MapPrometheusMetrics();
        app.MapPloyControlApi(settings.Control);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ploy.Cli.Service");
        var venue = settings.Mode == TradingMode.Live ? "polymarket " + settings.Polymarket.ClobUrl : "simulated";
        Log.Starting(logger, settings.Mode.ToString().ToLowerInvariant(), venue, settings.Database.Describe(), settings.Control.ListenAddress, settings.Control.Port);
        return app;
    }

    private static async Task<IJournalStore> OpenJournalAsync(DatabaseOptions database, TimeProvider time, CancellationToken cancellationToken)
    {
        var redactor = new Redactor(Secrets(database));
        try
        {
            return await JournalFactory.OpenAsync(
                database.Provider,
                database.Target(),
                time,
                new DatabaseMigrationOptions { Backup = database.Backup, BackupDirectory = database.BackupDirectory },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Invariant 6: no journal, no service. The message names the database but never its password.
            throw new ServiceStartException(
                $"Refusing to start: the journal database ({database.Describe()}) is unreachable or unusable: {ex.GetType().Name}: {redactor.Redact(ex.Message)}",
                ex);
        }
    }

    private static IEnumerable<SecretString?> Secrets(DatabaseOptions database)
    {
        yield return database.ConnectionString;
        if (database.ConnectionString is { IsEmpty: false } connection)
        {
            string? password = null;
            try
            {
                password = new NpgsqlConnectionStringBuilder(connection.Reveal()).Password;
            }
            catch (ArgumentException)
            {
                // Unparsable: validation reports it; nothing more to scrub.
            }

            if (!string.IsNullOrEmpty(password))
            {
                yield return new SecretString(password);
            }
        }
    }
}
