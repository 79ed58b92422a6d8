using BenchmarkDotNet.Running;

namespace Ploy.Benchmarks;

/// <summary>Runs the benchmarks: `dotnet run -c Release --project bench/Ploy.Benchmarks -- --filter '*'`.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
