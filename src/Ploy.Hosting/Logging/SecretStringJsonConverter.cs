using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ploy.Hosting.Logging;

/// <summary>Reads a secret from a JSON string; always writes <see cref="SecretString.Redacted"/>.</summary>
public sealed class SecretStringJsonConverter : JsonConverter<SecretString>
{
    public override SecretString? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : new SecretString(reader.GetString() ?? string.Empty);

    public override void Write(Utf8JsonWriter writer, SecretString value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(SecretString.Redacted);
    }
}
