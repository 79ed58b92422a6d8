using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Orders;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Benchmarks;

/// <summary>
/// Our side of the signing side-by-side (scripts/bench-signing.sh): limit orders built and signed per second, the same
/// work the official client's <c>createOrder</c> does — amounts at the tick's rounding, the EIP-712 V2 struct with a
/// random salt, the secp256k1 signature — over the same token and the same price/size/side sequence. One thread, like
/// Node. Prints one line of JSON.
/// </summary>
internal static class SignRate
{
    // Hardhat/Anvil account 0: a public test key, never funded.
    private const string TestKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string TokenId = "71321045679252212594626385532706912750332728571942532289631379312455583992563";

    public static int Run(string[] args)
    {
        if (!TryOption(args, "--orders", 2000, out var orders) || !TryOption(args, "--warmup", 200, out var warmup))
        {
            return 2;
        }

        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(TestKey));
        var builder = new PolymarketOrderBuilder(signer, PolymarketContracts.Polygon);
        for (var i = 0; i < warmup; i++)
        {
            CreateOne(builder, i);
        }

        var clock = Stopwatch.StartNew();
        PolymarketSignedOrder? last = null;
        for (var i = 0; i < orders; i++)
        {
            last = CreateOne(builder, i);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (last is null || last.Signature.Length != 132)
        {
            Console.Error.WriteLine("order creation returned no signature");
            return 1;
        }

        var rate = orders / seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"client\":\"Ploy.Venues.Polymarket\",\"backend\":\"{signer.Backend}\",\"runtime\":\".NET {Environment.Version}\",\"orders\":{orders},\"seconds\":{seconds},\"orders_per_second\":{rate}}}"));
        return 0;
    }

    // The official script's sequence: alternate sides, prices 0.30–0.69, sizes 100–106.
    private static PolymarketSignedOrder CreateOne(PolymarketOrderBuilder builder, int i)
    {
        var side = i % 2 == 0 ? Side.Sell : Side.Buy;
        var price = 0.3m + (i % 40) / 100m;
        var args = new PolymarketLimitOrderArgs(TokenId, side, price, 100m + (i % 7), TickSize.Hundredth);
        var salt = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 11;
        return builder.BuildLimit(args, salt, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    private static bool TryOption(string[] args, string name, int fallback, out int value)
    {
        value = fallback;
        var at = Array.IndexOf(args, name);
        if (at < 0)
        {
            return true;
        }

        if (at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0)
        {
            return true;
        }

        Console.Error.WriteLine($"{name} needs a positive whole number");
        return false;
    }
}
