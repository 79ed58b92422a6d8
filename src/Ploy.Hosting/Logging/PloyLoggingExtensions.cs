using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Ploy.Hosting.Logging;

/// <summary>Console logging for every Ploy service: JSON when asked for, otherwise single-line text.</summary>
public static class PloyLoggingExtensions
{
    /// <summary>The environment variable that forces JSON logs whatever the config says.</summary>
    public const string JsonLogsVariable = "PLOY_JSON_LOGS";

    /// <summary>Config key of the format: Simple, Json or Systemd.</summary>
    public const string FormatKey = "Logging:Format";

    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";

    /// <summary>
    /// Replaces the logging providers with one console logger in the chosen format. Everything goes to stderr, so
    /// a command's stdout stays machine-readable and journald still captures the log.
    /// </summary>
    public static ILoggingBuilder AddPloyConsoleLogging(this ILoggingBuilder builder, IConfiguration? configuration = null, string? jsonLogsVariable = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var format = ResolveFormat(configuration?[FormatKey], jsonLogsVariable ?? Environment.GetEnvironmentVariable(JsonLogsVariable));
        return builder.AddPloyConsoleLogging(format);
    }

    public static ILoggingBuilder AddPloyConsoleLogging(this ILoggingBuilder builder, LogFormat format)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ClearProviders();
        builder.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        switch (format)
        {
            case LogFormat.Json:
                builder.AddJsonConsole(o =>
                {
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    o.IncludeScopes = true;
                });
                break;
            case LogFormat.Systemd:
                builder.AddSystemdConsole(o =>
                {
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = TimestampFormat;
                });
                break;
            default:
                builder.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = TimestampFormat;

                    // Default = colours only when the output is a terminal: redirected output (journald, files) stays plain.
                    o.ColorBehavior = LoggerColorBehavior.Default;
                });
                break;
        }

        return builder;
    }

    /// <summary>PLOY_JSON_LOGS=true (or 1) wins; otherwise the configured format; otherwise Simple.</summary>
    public static LogFormat ResolveFormat(string? configuredFormat, string? jsonLogsVariable)
    {
        if (string.Equals(jsonLogsVariable?.Trim(), "true", StringComparison.OrdinalIgnoreCase) || jsonLogsVariable?.Trim() == "1")
        {
            return LogFormat.Json;
        }

        return Enum.TryParse<LogFormat>(configuredFormat?.Trim(), ignoreCase: true, out var format) && Enum.IsDefined(format)
            ? format
            : LogFormat.Simple;
    }
}
