using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ploy.Cli.Tests.Service;

/// <summary>
/// The built <c>ploy</c> binary as a child process (<c>dotnet ploy.dll …</c>), with its stdout and stderr captured.
/// Stopped with SIGTERM (via /bin/kill, by pid), killed by pid on dispose if still running.
/// </summary>
internal sealed class PloyProcess : IDisposable
{
    /// <summary>Overrides the binary under test (e.g. a build of another checkout).</summary>
    public const string DllVariable = "PLOY_TEST_PLOY_DLL";

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new();

    private PloyProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _stdout.ToString() + _stderr.ToString();
            }
        }
    }

    public static string DllPath => Environment.GetEnvironmentVariable(DllVariable) is { Length: > 0 } path
        ? path
        : Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, "ploy.dll");

    public static PloyProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        Assert.True(
            Environment.GetEnvironmentVariable(DllVariable) is { Length: > 0 } || Program.BuildRoot().Subcommands.Any(c => c.Name == arguments[0]),
            $"`ploy {arguments[0]}` is not registered in Program.BuildRoot(): the binary under test cannot run it.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var ploy = new PloyProcess(process);
        process.OutputDataReceived += (_, e) => ploy.Append(ploy._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => ploy.Append(ploy._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return ploy;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGTERM, as systemd and Kubernetes stop a service (Process.Kill would be SIGKILL).</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the exit; returns the exit code, or null when it did not exit in time.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            target.AppendLine(line);
        }
    }
}
