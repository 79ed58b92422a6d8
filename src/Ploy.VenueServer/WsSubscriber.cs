using System.Threading.Channels;

namespace Ploy.VenueServer;

/// <summary>One WebSocket connection's outbound queue and what it listens to.</summary>
internal sealed class WsSubscriber
{
    // Bounded: a reader that stops reading is dropped rather than growing the server's memory.
    private readonly Channel<byte[]> _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(4096) { SingleReader = true });

    public HashSet<string> Assets { get; } = [];

    public HashSet<string> Markets { get; } = [];

    /// <summary>For the user channel: the API key whose orders and trades this connection receives.</summary>
    public string? ApiKey { get; set; }

    public ChannelReader<byte[]> Reader => _outbound.Reader;

    public bool Overflowed { get; private set; }

    public void Send(byte[] message)
    {
        if (!_outbound.Writer.TryWrite(message))
        {
            Overflowed = true;
            _outbound.Writer.TryComplete();
        }
    }

    public void Complete() => _outbound.Writer.TryComplete();
}
