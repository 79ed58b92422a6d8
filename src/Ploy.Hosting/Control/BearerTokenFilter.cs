using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ploy.Hosting.Control;

/// <summary>
/// Guards mutating control calls: no token configured → 403 (mutations disabled); no or malformed
/// <c>Authorization: Bearer</c> header → 401; a wrong token → 403. The token is compared in constant time and
/// never logged.
/// </summary>
internal sealed class BearerTokenFilter(ControlApiOptions options) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = options.BearerToken;
        if (token is null || token.IsEmpty)
        {
            return Refuse(http, StatusCodes.Status403Forbidden, "Control API mutations are disabled: no bearer token is configured (Control:BearerToken).");
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Refuse(http, StatusCodes.Status401Unauthorized, "Missing bearer token: send Authorization: Bearer <token>.");
        }

        if (!token.FixedTimeEquals(header[Scheme.Length..].Trim()))
        {
            return Refuse(http, StatusCodes.Status403Forbidden, "The bearer token is not valid.");
        }

        return await next(context);
    }

    private static IResult Refuse(HttpContext http, int status, string detail)
    {
        var logger = http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger<BearerTokenFilter>() ?? (ILogger)NullLogger.Instance;
        Log.ControlRefused(logger, http.Request.Method, http.Request.Path.ToString(), status, detail);
        return Results.Problem(detail: detail, statusCode: status, title: status == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden");
    }
}
