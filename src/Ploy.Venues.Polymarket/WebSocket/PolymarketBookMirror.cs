using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Parsing;

namespace Ploy.Venues.Polymarket.WebSocket;

/// <summary>
/// Our copy of one token's book summary, kept to check the venue's book hash: SHA-1 (lower-case hex) over the compact
/// JSON <c>{market, asset_id, timestamp, bids (ascending), asks (descending), min_order_size, tick_size, neg_risk,
/// last_trade_price, hash:""}</c> — the venue's way (py-clob-client <c>generate_orderbook_summary_hash</c>; checked
/// against src/Ploy.VenueServer/PolymarketBookHash.cs). Decimals keep the scale they arrived with, so "0.50" is written
/// back as "0.50". A hash is only checked when the snapshot carried every summary field; the public venue's WS
/// <c>book</c> omits some, so there the check is skipped rather than failing every time.
/// </summary>
internal sealed class PolymarketBookMirror(TokenId token)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly SortedList<decimal, decimal> _bids = [];
    private readonly SortedList<decimal, decimal> _asks = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private string _market = string.Empty;
    private long _timestampMs;
    private decimal _minOrderSize;
    private decimal _tickSize;
    private bool _negRisk;
    private decimal _lastTradePrice;

    public TokenId Token { get; } = token;

    /// <summary>Whether the last snapshot carried every field the hash covers.</summary>
    public bool Verifiable { get; private set; }

    /// <summary>Consecutive hash mismatches; verification is given up after a few (a format we cannot reproduce).</summary>
    public int Mismatches { get; set; }

    public void ApplySnapshot(PolymarketMarketMessage message)
    {
        _bids.Clear();
        _asks.Clear();
        foreach (var (price, size) in message.Bids)
        {
            _bids[price] = size;
        }

        foreach (var (price, size) in message.Asks)
        {
            _asks[price] = size;
        }

        _market = message.Market ?? string.Empty;
        _timestampMs = message.TimestampMs;
        Verifiable = message.Market is not null && message.MinOrderSize is not null && message.TickSize is not null && message.NegRisk is not null
            && message.HasLastTradePriceField && !message.Hash.IsEmpty;
        _minOrderSize = message.MinOrderSize ?? 0m;
        _tickSize = message.TickSize ?? 0m;
        _negRisk = message.NegRisk ?? false;
        _lastTradePrice = message.LastTradePrice ?? 0m;
    }

    public void Apply(Side side, decimal price, decimal size, long timestampMs)
    {
        var levels = side == Side.Buy ? _bids : _asks;
        if (size == 0m)
        {
            levels.Remove(price);
        }
        else
        {
            levels[price] = size;
        }

        if (timestampMs != 0)
        {
            _timestampMs = timestampMs;
        }
    }

    public void SetLastTradePrice(decimal price) => _lastTradePrice = price;

    public void SetTickSize(decimal tick) => _tickSize = tick;

    /// <summary>Whether <paramref name="hash"/> is the hash of the book as we hold it.</summary>
    public bool Matches(in PolymarketHashText hash)
    {
        Span<byte> digest = stackalloc byte[20];
        ComputeHash(digest);
        return hash.Matches(digest);
    }

    /// <summary>The hash of the book as we hold it (lower-case hex); for tests and diagnostics.</summary>
    public string ComputeHash()
    {
        Span<byte> digest = stackalloc byte[20];
        ComputeHash(digest);
        return Convert.ToHexStringLower(digest);
    }

    private void ComputeHash(Span<byte> digest)
    {
        _buffer.ResetWrittenCount();
        using var w = new Utf8JsonWriter(_buffer, WriterOptions);
        w.WriteStartObject();
        w.WriteString("market"u8, _market);
        w.WriteString("asset_id"u8, Token.Value);
        WriteNumberString(w, "timestamp"u8, _timestampMs);
        w.WriteStartArray("bids"u8);
        for (var i = 0; i < _bids.Count; i++)
        {
            WriteLevel(w, _bids.Keys[i], _bids.Values[i]);
        }

        w.WriteEndArray();
        w.WriteStartArray("asks"u8);
        for (var i = _asks.Count - 1; i >= 0; i--)
        {
            WriteLevel(w, _asks.Keys[i], _asks.Values[i]);
        }

        w.WriteEndArray();
        WriteDecimalString(w, "min_order_size"u8, _minOrderSize);
        WriteDecimalString(w, "tick_size"u8, _tickSize);
        w.WriteBoolean("neg_risk"u8, _negRisk);
        if (_lastTradePrice == 0m)
        {
            w.WriteString("last_trade_price"u8, ""u8);
        }
        else
        {
            WriteDecimalString(w, "last_trade_price"u8, _lastTradePrice);
        }

        w.WriteString("hash"u8, ""u8);
        w.WriteEndObject();
        w.Flush();
#pragma warning disable CA5350 // The venue defines its book hash as SHA-1: an integrity checksum, not security.
        SHA1.HashData(_buffer.WrittenSpan, digest);
#pragma warning restore CA5350
    }

    private static void WriteLevel(Utf8JsonWriter w, decimal price, decimal size)
    {
        w.WriteStartObject();
        WriteDecimalString(w, "price"u8, price);
        WriteDecimalString(w, "size"u8, size);
        w.WriteEndObject();
    }

    private static void WriteDecimalString(Utf8JsonWriter w, ReadOnlySpan<byte> name, decimal value)
    {
        Span<byte> text = stackalloc byte[40];
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        w.WriteString(name, text[..written]);
    }

    private static void WriteNumberString(Utf8JsonWriter w, ReadOnlySpan<byte> name, long value)
    {
        Span<byte> text = stackalloc byte[24];
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        w.WriteString(name, text[..written]);
    }
}
