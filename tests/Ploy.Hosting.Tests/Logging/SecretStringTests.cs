using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Ploy.Hosting.Control;
using Ploy.Hosting.Logging;

namespace Ploy.Hosting.Tests.Logging;

public sealed class SecretStringTests
{
    private const string Value = "super-secret-value-123";

    [Fact]
    public void ToString_AndFormatting_AreRedacted()
    {
        var secret = new SecretString(Value);

        Assert.Equal(SecretString.Redacted, secret.ToString());
        Assert.Equal($"key={SecretString.Redacted}", $"key={secret}");
        Assert.Equal(SecretString.Redacted, string.Format(CultureInfo.InvariantCulture, "{0:X}", secret));
        Assert.Equal(Value, secret.Reveal());
    }

    [Fact]
    public void Serialize_ObjectHoldingASecret_WritesRedacted()
    {
        var json = JsonSerializer.Serialize(new { Token = new SecretString(Value) });

        Assert.DoesNotContain(Value, json, StringComparison.Ordinal);
        Assert.Contains(SecretString.Redacted, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_JsonString_ReadsTheSecret()
    {
        var secret = JsonSerializer.Deserialize<SecretString>("\"" + Value + "\"");

        Assert.Equal(Value, secret!.Reveal());
    }

    [Fact]
    public void Bind_ConfigurationValue_FillsASecretStringProperty()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Control:BearerToken"] = Value, ["Control:Port"] = "9090" }).Build();

        var options = config.GetSection("Control").Get<ControlApiOptions>()!;

        Assert.Equal(Value, options.BearerToken!.Reveal());
        Assert.Equal(9090, options.Port);
    }

    [Theory]
    [InlineData(Value, true)]
    [InlineData(Value + "x", false)]
    [InlineData("super-secret-value-12", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void FixedTimeEquals_Candidate_MatchesOnlyTheExactValue(string? candidate, bool expected) =>
        Assert.Equal(expected, new SecretString(Value).FixedTimeEquals(candidate));

    [Fact]
    public void Redact_TextContainingRawSecrets_ReplacesEveryOccurrence()
    {
        var redactor = new Redactor([new SecretString(Value), new SecretString("abc"), null]);

        var text = redactor.Redact($"GET /x?key={Value}&again={Value} abc");

        Assert.Equal($"GET /x?key={SecretString.Redacted}&again={SecretString.Redacted} abc", text);
    }
}
