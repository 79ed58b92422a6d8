namespace Ploy.Hosting.Logging;

public enum LogFormat
{
    /// <summary>One line per entry, UTC timestamps; colours only on an interactive terminal.</summary>
    Simple,

    /// <summary>One JSON object per line (structured; what services ship to a log store).</summary>
    Json,

    /// <summary>Single line with a syslog priority prefix (&lt;6&gt;), which journald turns into the entry's level.</summary>
    Systemd,
}
