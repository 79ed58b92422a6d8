using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Ploy.VenueServer;

/// <summary>
/// Operator endpoints behind a bearer token: the operating mode, an account's ledger, deposits, and the crash-test
/// controls (an audit of the orders an address sent, a delay on order answers, freezing the simulation).
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app, VenueCore core, ILogger logger)
    {
        app.MapGet("/admin/mode", context => WithAdmin(context, core, () =>
            Json.OkAsync(context, Json.Object(w => w.WriteString("mode", ModeName(core.Mode))))));
        app.MapPost("/admin/mode", context => WithAdmin(context, core, async () =>
        {
            var mode = await ReadStringAsync(context, "mode");
            VenueMode? parsed = mode switch
            {
                "normal" => VenueMode.Normal,
                "restart" => VenueMode.Restart,
                "cancel-only" => VenueMode.CancelOnly,
                "post-only" => VenueMode.PostOnly,
                _ => null,
            };
            if (parsed is null)
            {
                await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "mode must be normal, restart, cancel-only or post-only");
                return;
            }

            core.Mode = parsed.Value;
            Log.ModeChanged(logger, parsed.Value);
            await Json.OkAsync(context, Json.Object(w => w.WriteString("mode", ModeName(core.Mode))));
        }));
        app.MapGet("/admin/ledger", context => WithAdmin(context, core, () =>
        {
            var address = context.Request.Query["address"].ToString();
            try
            {
                return Json.OkAsync(context, core.LedgerJson(address));
            }
            catch (FormatException)
            {
                return Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "address must be 20 bytes of hex");
            }
        }));
        app.MapGet("/admin/orders", context => WithAdmin(context, core, () =>
        {
            var address = context.Request.Query["address"].ToString();
            try
            {
                // summary=true leaves the order list out: cheap enough to poll every few milliseconds.
                var summary = string.Equals(context.Request.Query["summary"], "true", StringComparison.OrdinalIgnoreCase);
                return Json.OkAsync(context, core.OrdersAuditJson(address, includeOrders: !summary));
            }
            catch (FormatException)
            {
                return Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "address must be 20 bytes of hex");
            }
        }));
        app.MapPost("/admin/answer-delay", context => WithAdmin(context, core, async () =>
        {
            var value = await ReadPropertyAsync(context, "milliseconds");
            if (value is not { ValueKind: JsonValueKind.Number } number || !number.TryGetInt32(out var milliseconds) || milliseconds is < 0 or > 60_000)
            {
                await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "body {\"milliseconds\": N} with N in [0, 60000] is required");
                return;
            }

            core.AnswerDelay = TimeSpan.FromMilliseconds(milliseconds);
            await Json.OkAsync(context, Json.Object(w => w.WriteNumber("milliseconds", milliseconds)));
        }));
        app.MapPost("/admin/freeze", context => WithAdmin(context, core, async () =>
        {
            var value = await ReadPropertyAsync(context, "frozen");
            if (value is not { ValueKind: JsonValueKind.True or JsonValueKind.False } flag)
            {
                await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "body {\"frozen\": true|false} is required");
                return;
            }

            // Thawing jumps the simulation to now: frozen time is not replayed.
            core.Frozen = flag.GetBoolean();
            await Json.OkAsync(context, Json.Object(w => w.WriteBoolean("frozen", core.Frozen)));
        }));
        app.MapPost("/admin/deposit", context => WithAdmin(context, core, async () =>
        {
            var address = await ReadStringAsync(context, "address");
            var amount = context.Request.Query["amount"].ToString();
            if (address is null || !decimal.TryParse(amount, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value) || value <= 0m)
            {
                await Json.ErrorAsync(context, StatusCodes.Status400BadRequest, "body {\"address\"} and query amount > 0 are required");
                return;
            }

            core.Deposit(address, value);
            await Json.OkAsync(context, core.LedgerJson(address));
        }));
    }

    public static string ModeName(VenueMode mode) => mode switch
    {
        VenueMode.Restart => "restart",
        VenueMode.CancelOnly => "cancel-only",
        VenueMode.PostOnly => "post-only",
        _ => "normal",
    };

    private static async Task<string?> ReadStringAsync(HttpContext context, string property) =>
        await ReadPropertyAsync(context, property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static async Task<JsonElement?> ReadPropertyAsync(HttpContext context, string property)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var value)
                ? value.Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task WithAdmin(HttpContext context, VenueCore core, Func<Task> action)
    {
        var token = core.Options.AdminToken;
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(token))
        {
            return Json.ErrorAsync(context, StatusCodes.Status404NotFound, "admin endpoints are disabled (no --admin-token)");
        }

        var expected = Encoding.UTF8.GetBytes("Bearer " + token);
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(header))
            ? action()
            : Json.ErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized");
    }
}
