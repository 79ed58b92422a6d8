using System.CommandLine;

namespace Ploy.Cli.Tests;

/// <summary>Bad command-line input gets a clear error and a non-zero exit, before anything runs.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("paper --duration banana", "--duration")]
    [InlineData("paper --speed -3", "--speed")]
    [InlineData("paper --seed notanumber", "notanumber")]
    [InlineData("conformance polymarket --vectors /nonexistent/dir", "no such directory")]
    [InlineData("nosuchcommand", "nosuchcommand")]
    public async Task Invoke_BadArguments_ExitNonZeroWithAClearError(string args, string expected)
    {
        var error = new StringWriter();
        var parse = Program.BuildRoot().Parse(args.Split(' '));
        var code = await parse.InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = error });

        Assert.NotEqual(0, code);
        Assert.Contains(expected, error.ToString() + string.Join(" ", parse.Errors.Select(e => e.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paper_FastWithoutDuration_IsRefusedAsInvalidConfiguration()
    {
        var code = await Program.BuildRoot().Parse(["paper", "--fast"]).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Paper_ConfigWithUnknownKey_IsRefusedAsInvalidConfiguration()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, """{ "Risk": { "MaxOrderNotionall": 5 } }""");
            var code = await Program.BuildRoot().Parse(["paper", "--config", file, "--duration", "1s", "--fast"])
                .InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
            Assert.Equal(2, code);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
