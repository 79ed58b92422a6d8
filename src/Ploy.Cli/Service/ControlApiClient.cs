using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Ploy.Hosting.Logging;

namespace Ploy.Cli.Service;

/// <summary>
/// Calls a running instance's control API for the operator commands. Every failure becomes one clear line and exit
/// code 1: connection refused, 401 (no token), 403 (wrong token or mutations disabled), 409 (refused in this state).
/// The token is sent as a bearer header and never printed.
/// </summary>
internal sealed class ControlApiClient(HttpClient http, Uri baseUrl, SecretString? token, TextWriter output, TextWriter error)
{
    public const string TokenVariable = "PLOY_CONTROL_TOKEN";

    public static readonly Uri DefaultUrl = new("http://127.0.0.1:8080");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>GET <paramref name="path"/>; prints the JSON answer indented.</summary>
    public Task<int> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>POST <paramref name="path"/> with an optional reason; prints the engine's answer.</summary>
    public Task<int> PostAsync(string path, string? reason, CancellationToken cancellationToken)
    {
        var body = reason is null ? null : JsonSerializer.Serialize(new Dictionary<string, string> { ["reason"] = reason });
        return SendAsync(HttpMethod.Post, path, body, cancellationToken);
    }

    private async Task<int> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        var url = new Uri(baseUrl, path);
        using var request = new HttpRequestMessage(method, url);
        if (token is { IsEmpty: false })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        else if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent([]);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } || ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            await error.WriteLineAsync($"error: cannot connect to {baseUrl} (connection refused): is ploy run running there? (--url)");
            return 1;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"error: {method} {url} failed: {ex.Message}");
            return 1;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"error: {method} {url} timed out.");
            return 1;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Unauthorized:
                    await error.WriteLineAsync($"error: 401 unauthorized: {Detail(text)} Pass --token or set {TokenVariable}.");
                    return 1;
                case HttpStatusCode.Forbidden:
                    await error.WriteLineAsync($"error: 403 forbidden: {Detail(text)}");
                    return 1;
                case HttpStatusCode.Conflict:
                    await error.WriteLineAsync($"refused: {Detail(text)}");
                    return 1;
                case >= HttpStatusCode.BadRequest:
                    await error.WriteLineAsync($"error: {(int)response.StatusCode} {response.ReasonPhrase}: {Detail(text)}");
                    return 1;
            }

            await output.WriteLineAsync(method == HttpMethod.Get ? Indent(text) : Message(text));
            return 0;
        }
    }

    private static string Indent(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string Message(string json) => Field(json, "message") ?? json;

    private static string Detail(string json) => Field(json, "detail") ?? Field(json, "title") ?? (json.Length > 200 ? json[..200] : json);

    private static string? Field(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
