using Microsoft.Extensions.Logging;
using Ploy.Hosting.Logging;

namespace Ploy.Cli.Service;

/// <summary>Log output (config section <c>Logging</c>): the format, and levels by category as in any .NET host.</summary>
public sealed class LoggingSettings
{
    public const string Section = "Logging";

    /// <summary>Simple, Json or Systemd; PLOY_JSON_LOGS=true forces Json.</summary>
    public LogFormat Format { get; set; } = LogFormat.Simple;

    /// <summary>Minimum level by category prefix ("Default", "Ploy", "Microsoft.AspNetCore", …).</summary>
    public Dictionary<string, LogLevel> LogLevel { get; } = new(StringComparer.Ordinal);
}
