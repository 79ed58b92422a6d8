using BenchmarkDotNet.Attributes;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Orders;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Benchmarks;

/// <summary>
/// The Polymarket order path without I/O: EIP-712 hashing and secp256k1 signing (native libsecp256k1 and managed
/// BouncyCastle), building a full POST /order body, the L2 HMAC headers and a cancel body.
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks : IDisposable
{
    // Hardhat/Anvil account 0: a public test key, never funded.
    private const string TestKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string TokenId = "71321045679252212594626385532706912750332728571942532289631379312455583992563";

    private readonly PolymarketExchangeDomain _domain = PolymarketExchangeDomain.For(PolymarketContracts.Polygon, PolymarketExchangeVersion.V2, negRisk: false);
    private readonly PolymarketApiCredentials _credentials = new("fd4910ef-b60b-441e-ab56-62404c2d32c3", "h_XkehSiYI9AWkM4OUpgR8Lw4RZdlrXj-w6PDd-77jE=", "814b2f96473a48ca226517e05273dbd97e9ef078929b205275bb70a13d7238fa");
    private readonly PolymarketLimitOrderArgs _limit = new(TokenId, Side.Buy, 0.57m, 100m, TickSize.Hundredth);
    private readonly VenueOrderId _orderId = new("0x38a73eed1e6d177545e9ab027abddfb7e08dbe975fa777123b1752d203d6ac88");
    private PolymarketSigner _native = null!;
    private PolymarketSigner _managed = null!;
    private PolymarketOrderBuilder _builder = null!;
    private PolymarketL2Signer _l2 = null!;
    private PolymarketL2Signer _l2DotNet = null!;
    private byte[] _cancelBody = null!;
    private PolymarketOrder _order = null!;
    private byte[] _body = null!;
    private ulong _salt = 479369151593;

    [GlobalSetup]
    public void Setup()
    {
        _native = new PolymarketSigner(PolymarketPrivateKey.Parse(TestKey));
        _managed = new PolymarketSigner(PolymarketPrivateKey.Parse(TestKey), PolymarketSigningBackend.Managed);
        _builder = new PolymarketOrderBuilder(_native, PolymarketContracts.Polygon);
        _l2 = new PolymarketL2Signer(_credentials, _native.Address);
        _l2DotNet = new PolymarketL2Signer(_credentials, _native.Address, PolymarketSigningBackend.Managed);
        _cancelBody = PolymarketRequestBodies.CancelOrder(_orderId);
        _order = _builder.BuildLimit(_limit, _salt, 1780000000123).Order;
        _body = PolymarketRequestBodies.Order(_builder.BuildLimit(_limit, _salt, 1780000000123), _credentials.Key, OrderType.Gtc);
    }

    /// <summary>EIP-712 digest only (the venue order id).</summary>
    [Benchmark]
    public byte OrderHash()
    {
        Span<byte> digest = stackalloc byte[32];
        PolymarketOrderSigner.ComputeOrderHash(_order, _domain, digest);
        return digest[0];
    }

    /// <summary>Hash and sign one order with the default backend (native when libsecp256k1 is installed).</summary>
    [Benchmark(Baseline = true)]
    public PolymarketSignedOrder SignOrder() => PolymarketOrderSigner.Sign(_order, _domain, _native);

    /// <summary>The same with the managed BouncyCastle fallback.</summary>
    [Benchmark]
    public PolymarketSignedOrder SignOrderManaged() => PolymarketOrderSigner.Sign(_order, _domain, _managed);

    /// <summary>Amounts, struct, signature and the exact POST /order bytes, as Prepare does for each order.</summary>
    [Benchmark]
    public byte[] BuildSignSerialise() =>
        PolymarketRequestBodies.Order(_builder.BuildLimit(_limit, ++_salt, 1780000000123), _credentials.Key, OrderType.Gtc);

    /// <summary>The five L2 headers over a full order body.</summary>
    [Benchmark]
    public PolymarketL2Headers L2Headers() => _l2.CreateHeaders(1780000700, "POST", "/order", _body);

    /// <summary>The HMAC alone into a caller buffer (no allocation).</summary>
    [Benchmark]
    public int L2Hmac()
    {
        Span<char> signature = stackalloc char[PolymarketL2Signer.SignatureLength];
        return _l2.Sign(1780000700, "POST", "/order", _body, signature);
    }

    /// <summary>The same through .NET's IncrementalHash (the fallback where libcrypto cannot be loaded).</summary>
    [Benchmark]
    public int L2HmacDotNet()
    {
        Span<char> signature = stackalloc char[PolymarketL2Signer.SignatureLength];
        return _l2DotNet.Sign(1780000700, "POST", "/order", _body, signature);
    }

    /// <summary>The HMAC of a cancel (DELETE /order with its 82-byte body).</summary>
    [Benchmark]
    public int L2HmacCancel()
    {
        Span<char> signature = stackalloc char[PolymarketL2Signer.SignatureLength];
        return _l2.Sign(1780000700, "DELETE", "/order", _cancelBody, signature);
    }

    /// <summary>The HMAC of a body-less GET (e.g. open orders).</summary>
    [Benchmark]
    public int L2HmacNoBody()
    {
        Span<char> signature = stackalloc char[PolymarketL2Signer.SignatureLength];
        return _l2.Sign(1780000700, "GET", "/data/orders", [], signature);
    }

    /// <summary>DELETE /order body.</summary>
    [Benchmark]
    public byte[] CancelBody() => PolymarketRequestBodies.CancelOrder(_orderId);

    public void Dispose()
    {
        _native?.Dispose();
        _managed?.Dispose();
        _l2?.Dispose();
        _l2DotNet?.Dispose();
        GC.SuppressFinalize(this);
    }
}
