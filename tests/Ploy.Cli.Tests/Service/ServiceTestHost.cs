using System.Net;
using System.Text.Json.Nodes;
using Ploy.Cli.Service;

namespace Ploy.Cli.Tests.Service;

/// <summary>A real <c>ploy run</c> host in this process, on 127.0.0.1 and an ephemeral port, with an HTTP client to it.</summary>
internal sealed class ServiceTestHost : IAsyncDisposable
{
    private readonly ServiceApplication _service;
    private bool _stopped;

    private ServiceTestHost(ServiceApplication service)
    {
        _service = service;
        Http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public HttpClient Http { get; }

    public Uri BaseAddress => _service.BaseAddress;

    public IServiceProvider Services => _service.App.Services;

    public static async Task<ServiceTestHost> StartAsync(string root, JsonObject config)
    {
        var file = ServiceConfig.Write(root, config);
        var (settings, configuration) = ServiceSettingsLoader.Load(file, secretsDirectory: null);
        var service = await ServiceHost.BuildAsync(settings, configuration, CancellationToken.None);
        await service.StartAsync(CancellationToken.None);
        return new ServiceTestHost(service);
    }

    public async Task<HttpStatusCode> StatusOfAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return response.StatusCode;
    }

    public async Task WaitReadyAsync(TimeSpan? timeout = null) =>
        await Eventually.TrueAsync(async () => await StatusOfAsync("/health/ready") == HttpStatusCode.OK, timeout ?? TimeSpan.FromSeconds(30), "/health/ready never answered 200");

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _service.StopAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        await _service.DisposeAsync();
    }
}
