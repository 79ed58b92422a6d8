using Ploy.Core.Books;
using Ploy.Core.MarketData;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Parsing;

namespace Ploy.Venues.Polymarket.WebSocket;

/// <summary>
/// The shard's books: venue messages applied to a <see cref="PolymarketBookMirror"/> per token and turned into Core
/// market data; a hash mismatch or a tick-size change distrusts the book and asks the venue for a fresh snapshot.
/// </summary>
internal sealed partial class PolymarketMarketShard
{
    private void OnMessage(PolymarketMarketMessage message)
    {
        var at = message.TimestampMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(message.TimestampMs) : _time.GetUtcNow();
        switch (message.Kind)
        {
            case PolymarketMarketMessageKind.Book:
                OnBook(message, at);
                break;
            case PolymarketMarketMessageKind.PriceChange:
                OnPriceChange(message, at);
                break;
            case PolymarketMarketMessageKind.TickSizeChange:
                if (TickSize.TryCreate(message.OldTickSize, out var oldTick) && TickSize.TryCreate(message.NewTickSize, out var newTick) && IsTracked(message.Token))
                {
                    // Venue quirk: levels on the old grid are void after a tick change (venue-and-users.md §0.1);
                    // the engine marks the book untrusted on this event and a fresh snapshot restores it.
                    _books.GetValueOrDefault(message.Token)?.SetTickSize(message.NewTickSize);
                    _emit(new TickSizeChangeEvent(message.Token, oldTick, newTick, at));
                    Untrust(message.Token, "tick size changed", emit: false);
                    _ = RequestResyncAsync(_socket.Connection, [message.Token], CancellationToken.None);
                }

                break;
            case PolymarketMarketMessageKind.LastTradePrice:
                if (IsTracked(message.Token) && Price.TryCreate(message.Price, out var price) && Core.Primitives.Size.TryCreate(message.Size, out var size))
                {
                    _books.GetValueOrDefault(message.Token)?.SetLastTradePrice(message.Price);
                    _emit(new LastTradeEvent(message.Token, price, size, message.Side, at));
                }

                break;
            default:
                // best_bid_ask, new_market, market_resolved: derivable from books / the markets poll; ignored deliberately.
                break;
        }
    }

    private bool IsTracked(TokenId token)
    {
        lock (_lock)
        {
            return _tokens.Contains(token);
        }
    }

    private void OnBook(PolymarketMarketMessage message, DateTimeOffset at)
    {
        var token = message.Token;
        if (!IsTracked(token))
        {
            return;
        }

        if (!_books.TryGetValue(token, out var book))
        {
            book = new PolymarketBookMirror(token);
            _books[token] = book;
        }

        book.ApplySnapshot(message);
        if (ShouldVerify(book, message.Hash) && !book.Matches(message.Hash))
        {
            OnMismatch(book, "snapshot hash mismatch");
            return;
        }

        lock (_lock)
        {
            _awaitingSnapshot.Remove(token);
        }

        _emit(new BookSnapshotEvent(token, Levels(message.Bids), Levels(message.Asks), message.Hash.IsEmpty ? null : message.Hash.ToString(), at));
    }

    private void OnPriceChange(PolymarketMarketMessage message, DateTimeOffset at)
    {
        // Each change is emitted once the next is known, so that only the message's last one says the batch is whole.
        var pending = default(PendingChange);
        var changes = message.Changes;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (!_books.TryGetValue(change.Token, out var book) || IsAwaiting(change.Token))
            {
                continue;
            }

            book.Apply(change.Side, change.Price, change.Size, message.TimestampMs);
            if (Price.TryCreate(change.Price, out var price) && Core.Primitives.Size.TryCreate(change.Size, out var size))
            {
                EmitPending(ref pending, moreInBatch: true, at);
                pending = new PendingChange(change.Token, change.Side, price, size);
            }

            // The hash covers the book after every change of this token in the message: check after its last one.
            var lastOfToken = i == changes.Count - 1 || changes[i + 1].Token != change.Token;
            if (lastOfToken && ShouldVerify(book, change.Hash) && !book.Matches(change.Hash))
            {
                EmitPending(ref pending, moreInBatch: true, at); // before the distrust, in the venue's order
                OnMismatch(book, "delta hash mismatch");
            }
            else if (lastOfToken)
            {
                book.Mismatches = 0;
            }
        }

        EmitPending(ref pending, moreInBatch: false, at);
    }

    private void EmitPending(ref PendingChange pending, bool moreInBatch, DateTimeOffset at)
    {
        if (pending.Token is { } token)
        {
            _emit(new PriceChangeEvent(token, pending.Side, pending.Price, pending.Size, null, at, moreInBatch));
            pending = default;
        }
    }

    private readonly record struct PendingChange(TokenId? Token, Side Side, Price Price, Size Size);

    private bool ShouldVerify(PolymarketBookMirror book, in PolymarketHashText hash) =>
        _options.VerifyBookHashes && book.Verifiable && !hash.IsEmpty && book.Mismatches < _options.MaxHashMismatches;

    private void OnMismatch(PolymarketBookMirror book, string reason)
    {
        book.Mismatches++;
        if (book.Mismatches >= _options.MaxHashMismatches)
        {
            // Repeated mismatches right after fresh snapshots mean a hash format we do not reproduce, not a bad book:
            // stop checking this token rather than resyncing forever.
            reason += $"; hash check disabled for this token after {book.Mismatches} mismatches";
        }

        Untrust(book.Token, reason, emit: true);
        Diagnostics.PolymarketDiagnostics.BookGap();
        _ = RequestResyncAsync(_socket.Connection, [book.Token], CancellationToken.None);
    }

    private bool IsAwaiting(TokenId token)
    {
        lock (_lock)
        {
            return _awaitingSnapshot.ContainsKey(token);
        }
    }

    private void Untrust(TokenId token, string reason, bool emit)
    {
        lock (_lock)
        {
            _awaitingSnapshot[token] = _time.GetTimestamp();
        }

        Log.BookUntrusted(_logger, token.Value, reason);
        if (emit)
        {
            _emit(new BookUntrustedEvent(token, reason, _time.GetUtcNow()));
        }
    }

    private void MarkAllUntrusted(string reason)
    {
        List<TokenId> tokens;
        lock (_lock)
        {
            tokens = [.. _tokens];
        }

        foreach (var token in tokens)
        {
            Untrust(token, reason, emit: true);
        }
    }

    private static BookLevel[] Levels(List<(decimal Price, decimal Size)> levels)
    {
        var count = 0;
        var result = new BookLevel[levels.Count];
        foreach (var (p, s) in levels)
        {
            if (s > 0m && Price.TryCreate(p, out var price) && Core.Primitives.Size.TryCreate(s, out var size))
            {
                result[count++] = new BookLevel(price, size);
            }
        }

        return count == result.Length ? result : result[..count];
    }
}
