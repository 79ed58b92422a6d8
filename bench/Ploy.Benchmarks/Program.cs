using BenchmarkDotNet.Running;

namespace Ploy.Benchmarks;

/// <summary>
/// Runs the benchmarks: `dotnet run -c Release --project bench/Ploy.Benchmarks -- --filter '*'`; or, with first
/// argument <c>sign-rate</c>, our half of scripts/bench-signing.sh (orders signed per second, as JSON).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["sign-rate", ..])
        {
            return SignRate.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
