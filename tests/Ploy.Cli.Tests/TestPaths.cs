using System.Reflection;

namespace Ploy.Cli.Tests;

internal static class TestPaths
{
    /// <summary>The checkout, as recorded at build time (tests/Directory.Build.props).</summary>
    public static string RepositoryRoot { get; } = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PloyRepositoryRoot").Value!;
}
