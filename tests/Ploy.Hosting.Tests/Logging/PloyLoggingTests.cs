using System.Text.Json;
using Microsoft.Extensions.Logging;
using Ploy.Hosting.Logging;

namespace Ploy.Hosting.Tests.Logging;

[Collection(ConsoleCollection.Name)]
public sealed class PloyLoggingTests
{
    private const string ApiSecret = "c2VjcmV0LWFwaS1rZXktdmFsdWUtMTIzNDU2Nzg5MA==";
    private const string PrivateKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    private static string Capture(LogFormat format, Action<ILogger> log)
    {
        var original = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddPloyConsoleLogging(format)))
            {
                log(factory.CreateLogger("Ploy.Test"));
            } // disposing flushes the console logger's queue

            return captured.ToString();
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Theory]
    [InlineData(LogFormat.Json)]
    [InlineData(LogFormat.Simple)]
    [InlineData(LogFormat.Systemd)]
    public void Log_MessageAndExceptionCarryingSecretStrings_OutputHasNoSecret(LogFormat format)
    {
        var secret = new SecretString(ApiSecret);
        var key = new SecretString(PrivateKey);

        var output = Capture(format, logger =>
        {
#pragma warning disable CA1848, CA2254, CA1873 // the point is to log the way careless code would
            logger.LogWarning(new InvalidOperationException($"signing with {key} failed for {secret}"), "Authenticating with {Secret} and {Key}", secret, key);
            logger.LogInformation($"interpolated {secret}");
#pragma warning restore CA1848, CA2254, CA1873
        });

        Assert.Contains("Authenticating with", output, StringComparison.Ordinal);
        Assert.Contains(SecretString.Redacted, output, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", output, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiSecret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateKey[2..], output, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_JsonFormat_WritesOneJsonObjectPerLineWithUtcTimestamp()
    {
        var output = Capture(LogFormat.Json, logger =>
        {
#pragma warning disable CA1848, CA1873
            logger.LogInformation("Order {ClientOrderId} placed", "c-42");
#pragma warning restore CA1848, CA1873
        });

        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.EndsWith("Z", json.RootElement.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
        Assert.Equal("c-42", json.RootElement.GetProperty("State").GetProperty("ClientOrderId").GetString());
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
    }

    [Fact]
    public void Log_SimpleFormat_OneLineWithoutColourCodes()
    {
        var output = Capture(LogFormat.Simple, logger =>
        {
#pragma warning disable CA1848, CA1873
            logger.LogWarning("Book {Market} stale", "btc-up");
#pragma warning restore CA1848, CA1873
        });

        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("warn: Ploy.Test[0] Book btc-up stale", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', line);
    }

    [Theory]
    [InlineData(null, "true", LogFormat.Json)]
    [InlineData("Simple", "TRUE", LogFormat.Json)]
    [InlineData(null, "1", LogFormat.Json)]
    [InlineData("json", null, LogFormat.Json)]
    [InlineData("Systemd", "false", LogFormat.Systemd)]
    [InlineData(null, null, LogFormat.Simple)]
    [InlineData("nonsense", "no", LogFormat.Simple)]
    [InlineData("7", null, LogFormat.Simple)]
    public void ResolveFormat_ConfigAndEnvironment_EnvironmentJsonWins(string? configured, string? variable, LogFormat expected) =>
        Assert.Equal(expected, PloyLoggingExtensions.ResolveFormat(configured, variable));
}
