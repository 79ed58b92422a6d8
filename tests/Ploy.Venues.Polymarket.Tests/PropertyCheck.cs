using FsCheck;
using Microsoft.FSharp.Core;

namespace Ploy.Venues.Polymarket.Tests;

/// <summary>Runs FsCheck properties from a fixed seed, so a failure reproduces on every machine and every run.</summary>
internal static class PropertyCheck
{
    public static void Run(Property property, ulong seed, int maxTest = 200) =>
        Check.One(
            Config.QuickThrowOnFailure
                .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)))
                .WithMaxTest(maxTest),
            property);
}
