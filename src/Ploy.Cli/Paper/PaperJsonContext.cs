using System.Text.Json.Serialization;

namespace Ploy.Cli.Paper;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(PaperSummary))]
internal sealed partial class PaperJsonContext : JsonSerializerContext;
