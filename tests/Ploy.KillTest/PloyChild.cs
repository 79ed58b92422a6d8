using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Ploy.KillTest;

/// <summary>
/// One <c>dotnet ploy.dll …</c> child process. Its output goes to a log file; lines matching a pattern can be awaited.
/// Ended only by its own process id (SIGKILL via <see cref="Process.Kill()"/>), never by name.
/// </summary>
internal sealed class PloyChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _lock = new();
    private readonly List<(string Text, long At)> _lines = [];
    private readonly List<(Regex Pattern, TaskCompletionSource<SeenLine> Found)> _waiters = [];

    private PloyChild(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>When the process was started, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long StartedAt { get; private set; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static PloyChild Start(string ployDll, string workingDirectory, string logPath, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(ployDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var child = new PloyChild(new Process { StartInfo = info }, log);
        child._process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        child.StartedAt = Stopwatch.GetTimestamp();
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The first line (seen or still to come) matching <paramref name="pattern"/>.</summary>
    public Task<SeenLine> WaitForLineAsync(Regex pattern)
    {
        lock (_lock)
        {
            foreach (var (text, at) in _lines)
            {
                if (pattern.Match(text) is { Success: true } match)
                {
                    return Task.FromResult(new SeenLine(match, at));
                }
            }

            var found = new TaskCompletionSource<SeenLine>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((pattern, found));
            return found.Task;
        }
    }

    /// <summary>The last lines of output, for a failure message.</summary>
    public string Tail(int count)
    {
        lock (_lock)
        {
            return string.Join(Environment.NewLine, _lines.TakeLast(count).Select(l => l.Text));
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGKILL: no handler runs, no buffer is flushed — a crash as the kernel delivers it.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync(CancellationToken.None);
        // Output events may still be draining after the exit; let them land before the log closes.
        _process.WaitForExit();
        lock (_lock)
        {
            _log.Dispose();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        var at = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _lines.Add((line, at));
            if (_lines.Count > 2000)
            {
                _lines.RemoveRange(0, 1000);
            }

            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Closing.
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Pattern.Match(line) is { Success: true } match)
                {
                    _waiters[i].Found.TrySetResult(new SeenLine(match, at));
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}

/// <summary>A line of a child's output that matched, and when it arrived (a <see cref="Stopwatch"/> timestamp).</summary>
internal sealed record SeenLine(Match Match, long At);
