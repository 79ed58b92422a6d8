using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Ploy.Hosting.Control;

public static class ListenerWebHostBuilderExtensions
{
    /// <summary>
    /// Makes Kestrel listen on <see cref="ControlApiOptions.ListenAddress"/>:<see cref="ControlApiOptions.Port"/> only
    /// (127.0.0.1:8080 by default). Throws when the options are invalid (run <see cref="ControlApiOptions.Validate"/> first
    /// to report every problem).
    /// </summary>
    public static IWebHostBuilder UsePloyListener(this IWebHostBuilder builder, ControlApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(' ', problems), nameof(options));
        }

        var address = IPAddress.Parse(options.ListenAddress);
        return builder.ConfigureKestrel(kestrel => kestrel.Listen(address, options.Port));
    }
}
