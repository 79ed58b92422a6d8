using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ploy.KillTest;

/// <summary>The venue's admin and public endpoints the kill test reads: order audit, ledger, markets, answer delay, freeze.</summary>
internal sealed class VenueAdmin(Uri baseAddress, string token) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public Task SetAnswerDelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        PostAsync("admin/answer-delay", $"{{\"milliseconds\":{(int)delay.TotalMilliseconds}}}", cancellationToken);

    public Task FreezeAsync(CancellationToken cancellationToken) => PostAsync("admin/freeze", "{\"frozen\":true}", cancellationToken);

    /// <summary>Order POST answers the venue holds right now (their orders already in the book), and how many it ever held.</summary>
    public async Task<(int InFlight, long Delayed)> AnswersAsync(string address, CancellationToken cancellationToken)
    {
        using var audit = await GetAsync($"admin/orders?address={address}&summary=true", cancellationToken);
        return (audit.RootElement.GetProperty("answers_in_flight").GetInt32(), audit.RootElement.GetProperty("answers_delayed").GetInt64());
    }

    public async Task<VenueAudit> AuditAsync(string address, CancellationToken cancellationToken)
    {
        using var orders = await GetAsync($"admin/orders?address={address}", cancellationToken);
        using var ledger = await GetAsync($"admin/ledger?address={address}", cancellationToken);
        var root = orders.RootElement;
        var venueOrders = root.GetProperty("orders").EnumerateArray()
            .Select(o => new VenueOrder(o.GetProperty("id").GetString()!, o.GetProperty("salt").GetString()!, o.GetProperty("asset_id").GetString()!,
                o.GetProperty("side").GetString()!, Dec(o, "original_size"), Dec(o, "size_matched"), o.GetProperty("status").GetString()!))
            .ToList();
        var trades = ledger.RootElement.GetProperty("trades").EnumerateArray()
            .Select(t => new VenueTrade(t.GetProperty("id").GetString()!, t.GetProperty("asset_id").GetString()!, t.GetProperty("side").GetString()!,
                Dec(t, "price"), Dec(t, "size")))
            .ToList();
        var tokens = ledger.RootElement.GetProperty("tokens").EnumerateArray()
            .ToDictionary(t => t.GetProperty("asset_id").GetString()!, t => Dec(t, "balance"));
        return new VenueAudit(
            venueOrders,
            trades,
            Dec(ledger.RootElement, "cash"),
            tokens,
            root.GetProperty("duplicate_posts").GetInt32(),
            root.GetProperty("answers_delayed").GetInt64(),
            root.GetProperty("answers_abandoned").GetInt64(),
            await ResolutionsAsync(cancellationToken));
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Every closed market's tokens and whether each won (public <c>GET /markets</c>, all pages).</summary>
    private async Task<IReadOnlyDictionary<string, bool>> ResolutionsAsync(CancellationToken cancellationToken)
    {
        var winners = new Dictionary<string, bool>();
        string? cursor = null;
        for (var page = 0; page < 1000; page++)
        {
            using var markets = await GetAsync(cursor is null ? "markets" : "markets?next_cursor=" + Uri.EscapeDataString(cursor), cancellationToken, admin: false);
            var root = markets.RootElement;
            foreach (var market in root.GetProperty("data").EnumerateArray().Where(m => m.GetProperty("closed").GetBoolean()))
            {
                foreach (var token in market.GetProperty("tokens").EnumerateArray())
                {
                    winners[token.GetProperty("token_id").GetString()!] = token.GetProperty("winner").GetBoolean();
                }
            }

            var next = root.GetProperty("next_cursor").GetString();
            if (root.GetProperty("count").GetInt32() == 0 || next is null or "LTE=" || next == cursor)
            {
                break;
            }

            cursor = next;
        }

        return winners;
    }

    private static decimal Dec(JsonElement element, string property) =>
        decimal.Parse(element.GetProperty(property).GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    private async Task PostAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken, bool admin = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (admin)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }
}
