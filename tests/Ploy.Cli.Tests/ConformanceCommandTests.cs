using System.CommandLine;

namespace Ploy.Cli.Tests;

public sealed class ConformanceCommandTests
{
    [Fact]
    public async Task Polymarket_SharedVectors_AllPass()
    {
        var vectors = Path.GetFullPath(Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "conformance", "polymarket"));
        var output = new StringWriter();
        var code = await Program.BuildRoot().Parse(["conformance", "polymarket", "--vectors", vectors])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        var last = output.ToString().TrimEnd().Split('\n')[^1];
        Assert.Matches(@"^\d+ passed, 0 failed$", last);
        Assert.Equal(0, code);
    }
}
