using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ploy.Hosting.Control;

public static class ControlApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the control API under <paramref name="prefix"/>: GET status, positions, orders, strategies (no token);
    /// POST pause, resume, kill, cancel-all, strategies/{id}/enable|disable (bearer token). Resolves
    /// <see cref="ITradingControl"/> from the request's services.
    /// </summary>
    public static RouteGroupBuilder MapPloyControlApi(this IEndpointRouteBuilder endpoints, ControlApiOptions options, string prefix = "/api")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        var api = endpoints.MapGroup(prefix);

        api.MapGet("/status", static async Task<IResult> (HttpContext http) =>
            Json(await Control(http).GetStatusAsync(http.RequestAborted), ControlJsonContext.Default.TradingStatusView));
        api.MapGet("/positions", static async Task<IResult> (HttpContext http) =>
            Json(await Control(http).GetPositionsAsync(http.RequestAborted), ControlJsonContext.Default.IReadOnlyListPositionView));
        api.MapGet("/orders", static async Task<IResult> (HttpContext http) =>
            Json(await Control(http).GetOrdersAsync(http.RequestAborted), ControlJsonContext.Default.IReadOnlyListOrderView));
        api.MapGet("/strategies", static async Task<IResult> (HttpContext http) =>
            Json(await Control(http).GetStrategiesAsync(http.RequestAborted), ControlJsonContext.Default.IReadOnlyListStrategyView));

        var commands = api.MapGroup(string.Empty).AddEndpointFilter(new BearerTokenFilter(options));

        commands.MapPost("/pause", static async Task<IResult> (HttpContext http) =>
        {
            var (request, problem) = await ReadRequestAsync(http);
            if (problem is not null)
            {
                return problem;
            }

            Audit(http, "pause", request?.Reason);
            return Answer(await Control(http).PauseAsync(request?.Reason, http.RequestAborted));
        });
        commands.MapPost("/resume", static async Task<IResult> (HttpContext http) =>
        {
            var (_, problem) = await ReadRequestAsync(http);
            if (problem is not null)
            {
                return problem;
            }

            Audit(http, "resume", null);
            return Answer(await Control(http).ResumeAsync(http.RequestAborted));
        });
        commands.MapPost("/kill", static async Task<IResult> (HttpContext http) =>
        {
            var (request, problem) = await ReadRequestAsync(http);
            if (problem is not null)
            {
                return problem;
            }

            Audit(http, "kill", request?.Reason);
            return Answer(await Control(http).KillAsync(request?.Reason, http.RequestAborted));
        });
        commands.MapPost("/cancel-all", static async Task<IResult> (HttpContext http) =>
        {
            var (_, problem) = await ReadRequestAsync(http);
            if (problem is not null)
            {
                return problem;
            }

            Audit(http, "cancel-all", null);
            return Answer(await Control(http).CancelAllAsync(http.RequestAborted));
        });
        commands.MapPost("/strategies/{id}/enable", static (HttpContext http, string id) => SetStrategyAsync(http, id, enabled: true));
        commands.MapPost("/strategies/{id}/disable", static (HttpContext http, string id) => SetStrategyAsync(http, id, enabled: false));

        return api;
    }

    private static async Task<IResult> SetStrategyAsync(HttpContext http, string id, bool enabled)
    {
        var (_, problem) = await ReadRequestAsync(http);
        if (problem is not null)
        {
            return problem;
        }

        var control = Control(http);
        var strategies = await control.GetStrategiesAsync(http.RequestAborted);
        if (!strategies.Any(s => string.Equals(s.Id, id, StringComparison.Ordinal)))
        {
            var known = string.Join(", ", strategies.Select(s => s.Id));
            return BadRequest($"Unknown strategy '{id}'. Known strategies: {(known.Length == 0 ? "none" : known)}.");
        }

        Audit(http, enabled ? "enable strategy" : "disable strategy", id);
        return Answer(await control.SetStrategyEnabledAsync(id, enabled, http.RequestAborted));
    }

    /// <summary>An empty body is fine; otherwise it must be exactly <c>{"reason":"…"}</c>.</summary>
    private static async Task<(ControlRequest? Request, IResult? Problem)> ReadRequestAsync(HttpContext http)
    {
        if (http.Request.ContentLength == 0)
        {
            return (null, null);
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length == 0)
        {
            return (null, null);
        }

        if (buffer.Length > 16 * 1024)
        {
            return (null, BadRequest("The request body is too large."));
        }

        ControlRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ControlJsonContext.Default.ControlRequest);
        }
        catch (JsonException ex)
        {
            return (null, BadRequest($"Malformed JSON body: {ex.Message} Expected {{\"reason\": \"…\"}} or no body."));
        }

        if (request?.Reason is { Length: > ControlApiOptions.MaxReasonLength })
        {
            return (null, BadRequest($"reason is longer than {ControlApiOptions.MaxReasonLength} characters."));
        }

        return (request, null);
    }

    private static ITradingControl Control(HttpContext http) => http.RequestServices.GetRequiredService<ITradingControl>();

    private static IResult Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => Results.Json(value, type);

    private static IResult Answer(ControlResult result) => result.Accepted
        ? Results.Json(result, ControlJsonContext.Default.ControlResult)
        : Results.Problem(detail: result.Message, statusCode: StatusCodes.Status409Conflict, title: "Refused");

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    private static void Audit(HttpContext http, string action, string? detail)
    {
        var logger = http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Ploy.Hosting.Control") ?? (ILogger)NullLogger.Instance;
        Log.ControlAction(logger, action, detail is null ? string.Empty : $": {detail}");
    }
}
