using System.Security.Cryptography;
using FsCheck.Fluent;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Tests.Signing;

public sealed class HmacSha256Tests
{
    [Fact]
    public void OpenSsl_OnLinux_IsAvailable()
    {
        // .NET needs OpenSSL 3 on Linux, so the fast path must load here; a silent fallback would only show as a slower HMAC.
        Assert.True(!OperatingSystem.IsLinux() || OpenSslHmacSha256.IsAvailable);
    }

    [Fact]
    public void BothImplementations_ArbitraryKeysAndMessages_MatchDotNetHmac()
    {
        var bytes = ArbMap.Default.GeneratorFor<byte>();
        var input = from keyLength in Gen.Choose(0, 200) // beyond 64 bytes HMAC hashes the key first
                    from key in Gen.ArrayOf(bytes, keyLength)
                    from prefix in Gen.ArrayOf(bytes)
                    from bodyLength in Gen.Choose(0, 3000)
                    from body in Gen.ArrayOf(bytes, bodyLength)
                    select (key, prefix, body);

        var property = Prop.ForAll(Arb.From(input), value =>
        {
            var expected = HMACSHA256.HashData(value.key, (byte[])[.. value.prefix, .. value.body]);
            using var openSsl = OpenSslHmacSha256.TryCreate(value.key);
            using var incremental = new IncrementalHmacSha256(value.key);
            var mac = new byte[32];
            var ok = true;
            foreach (var hmac in new IHmacSha256?[] { openSsl, incremental })
            {
                // Twice on one context: the second message starts from the re-armed state.
                for (var round = 0; round < 2 && hmac is not null; round++)
                {
                    hmac.Compute(value.prefix, value.body, mac);
                    ok &= mac.AsSpan().SequenceEqual(expected);
                }
            }

            return ok && (openSsl is not null || !OpenSslHmacSha256.IsAvailable);
        });
        PropertyCheck.Run(property, seed: 4231, maxTest: 300);
    }

    [Fact]
    public void OpenSsl_InterleavedKeys_KeepTheirOwnKey()
    {
        using var first = OpenSslHmacSha256.TryCreate("first"u8);
        using var second = OpenSslHmacSha256.TryCreate("second"u8);
        Assert.NotNull(first);
        Assert.NotNull(second);
        var mac = new byte[32];

        first.Compute("a"u8, "b"u8, mac);
        Assert.Equal(HMACSHA256.HashData("first"u8.ToArray(), "ab"u8.ToArray()), mac);
        second.Compute("a"u8, "b"u8, mac);
        Assert.Equal(HMACSHA256.HashData("second"u8.ToArray(), "ab"u8.ToArray()), mac);
        first.Compute([], "c"u8, mac);
        Assert.Equal(HMACSHA256.HashData("first"u8.ToArray(), "c"u8.ToArray()), mac);
    }

    [Fact]
    public void OpenSsl_AfterDispose_RefusesInsteadOfTouchingFreedMemory()
    {
        var hmac = OpenSslHmacSha256.TryCreate("k"u8);
        Assert.NotNull(hmac);
        hmac.Dispose();

        Assert.Throws<ObjectDisposedException>(() => hmac.Compute("a"u8, [], new byte[32]));
    }
}
