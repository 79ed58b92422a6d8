using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Ploy.Persistence;

namespace Ploy.Cli.Service;

/// <summary>A built <c>ploy run</c> host and what it owns: run it, or start and stop it (tests).</summary>
public sealed class ServiceApplication : IAsyncDisposable
{
    private readonly IJournalStore _journal;
    private readonly IAsyncDisposable _probe;
    private readonly IAsyncDisposable _venue;
    private readonly TradingDriver _driver;
    private bool _disposed;

    internal ServiceApplication(WebApplication app, IJournalStore journal, IAsyncDisposable probe, IAsyncDisposable venue)
    {
        App = app;
        _journal = journal;
        _probe = probe;
        _venue = venue;

        // Resolved now: RunAsync disposes the host's services before it returns.
        _driver = app.Services.GetRequiredService<TradingDriver>();
    }

    public WebApplication App { get; }

    /// <summary>The loop failed (a bug): the process must exit non-zero.</summary>
    public bool Faulted => _driver.Faulted;

    /// <summary>Where the HTTP listener is, once started (the real port when configured as 0).</summary>
    public Uri BaseAddress
    {
        get
        {
            var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The host is not listening yet.");
            return new Uri(address.Replace("[::]", IPAddress.Loopback.ToString(), StringComparison.Ordinal), UriKind.Absolute);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => App.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => App.StopAsync(cancellationToken);

    /// <summary>Runs until SIGTERM/SIGINT (or a fault); returns the exit code.</summary>
    public async Task<int> RunAsync()
    {
        await App.RunAsync();
        return Faulted ? 1 : 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await App.DisposeAsync();
        await _venue.DisposeAsync();
        await _probe.DisposeAsync();
        await _journal.DisposeAsync();
    }
}
