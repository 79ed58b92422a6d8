using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Ploy.VenueServer;

/// <summary>Compact JSON written field by field (key order is part of the protocol), and the venue's number formats.</summary>
internal static class Json
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            body(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Object(Action<Utf8JsonWriter> fields) => Write(w =>
    {
        w.WriteStartObject();
        fields(w);
        w.WriteEndObject();
    });

    public static Task RespondAsync(HttpContext context, int status, byte[] json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }

    public static Task OkAsync(HttpContext context, byte[] json) => RespondAsync(context, StatusCodes.Status200OK, json);

    /// <summary>The venue's error shape: <c>{"error": "..."}</c>.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string message) =>
        RespondAsync(context, status, Object(w => w.WriteString("error", message)));

    /// <summary>Decimal string without trailing zeros ("0.52", "10", "3.141593").</summary>
    public static string Dec(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>6-decimal base units as an integer string.</summary>
    public static string Micros(decimal value) => decimal.Truncate(value * 1_000_000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>"MA==" (base64 "0") for offset 0, "LTE=" (base64 "-1") for the end.</summary>
    public static string Cursor(int offset) => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));

    public const string EndCursor = "LTE=";

    /// <summary>The offset a cursor points at; 0 for none or garbage, -1 for the end.</summary>
    public static int ParseCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var text = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }

    /// <summary>Writes a page <c>{limit, count, next_cursor, data}</c> of <paramref name="items"/> from <paramref name="cursor"/>.</summary>
    public static byte[] Page<T>(IReadOnlyList<T> items, string? cursor, int limit, Action<Utf8JsonWriter, T> item) => Object(w =>
    {
        var offset = Math.Max(0, ParseCursor(cursor));
        var slice = items.Skip(offset).Take(limit).ToList();
        var next = offset + slice.Count;
        w.WriteNumber("limit", limit);
        w.WriteNumber("count", slice.Count);
        w.WriteString("next_cursor", next >= items.Count ? EndCursor : Cursor(next));
        w.WriteStartArray("data");
        foreach (var x in slice)
        {
            item(w, x);
        }

        w.WriteEndArray();
    });
}
