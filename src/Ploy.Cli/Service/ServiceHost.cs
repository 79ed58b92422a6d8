using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ploy.Core.Journal;
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
/// Composes <c>ploy run</c>: refuses what must not start (live mode without its adapter, an unusable database),
/// migrates and opens the journal, then builds the ASP.NET Core host — metrics registered before anything counts,
/// health, readiness, the control API, the circuit-broken venue, and the trading loop as a hosted service.
/// </summary>
public static class ServiceHost
{
    public static async Task<ServiceApplication> BuildAsync(ServiceSettings settings, IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        if (settings.Mode == TradingMode.Live)
        {
            // Invariant 6 in spirit: never pretend to trade live. The Polymarket live adapter is not part of this build.
            throw new ServiceStartException(
                "Mode=Live refused: the Polymarket live adapter is not available in this build, so ploy run cannot trade live. " +
                "Set Mode=Paper (the default) to run against the simulated venue.");
        }

        var time = TimeProvider.System;
        var journal = await OpenJournalAsync(settings.Database, time, cancellationToken);
        DatabaseProbe? probe = null;
        try
        {
            var snapshot = await journal.LoadAsync(cancellationToken);
            probe = new DatabaseProbe(settings.Database, settings.Health.ProbeTimeout);
            var app = Build(settings, configuration, journal, snapshot, probe, time);
            var service = new ServiceApplication(app, journal, probe);
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
            if (probe is not null)
            {
                await probe.DisposeAsync();
            }

            await journal.DisposeAsync();
            throw;
        }
    }

    private static WebApplication Build(ServiceSettings settings, IConfiguration configuration, IJournalStore journal, JournalSnapshot snapshot, DatabaseProbe probe, TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddPloyConsoleLogging(configuration);
        builder.WebHost.UsePloyListener(settings.Control);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Service.ShutdownTimeout);

        var services = builder.Services;
        var registry = new CircuitBreakerRegistry();
        var simulation = new SimulatedExchange(settings.Simulation, time);
        var strategies = StrategyCatalog.CreateEnabled(settings.Strategies);
        services.AddSingleton(time);
        services.AddSingleton(settings);
        services.AddSingleton(registry);
        services.AddSingleton(probe);
        services.AddSingleton(sp => new TradingRuntime(
            settings,
            simulation,
            new ResilientVenue(simulation.Venue, settings.Resilience, time, registry, sp.GetService<ILogger<ResilientVenue>>()),
            journal,
            snapshot,
            strategies,
            time,
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
        services.AddSingleton<TradingDriver>();
        services.AddHostedService(sp => sp.GetRequiredService<TradingDriver>());

        var app = builder.Build();
        app.MapPloyHealth();
        app.MapPrometheusMetrics();
        app.MapPloyControlApi(settings.Control);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ploy.Cli.Service");
        Log.Starting(logger, settings.Mode.ToString().ToLowerInvariant(), simulation.Venue.Name, settings.Database.Describe(), settings.Control.ListenAddress, settings.Control.Port);
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
