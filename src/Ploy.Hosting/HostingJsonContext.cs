using System.Text.Json.Serialization;
using Ploy.Hosting.Health;

namespace Ploy.Hosting;

/// <summary>Source-generated JSON for the fixed-shape bodies (health), so the wire shape never depends on global options.</summary>
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(LivenessReport))]
[JsonSerializable(typeof(ReadinessReport))]
internal sealed partial class HostingJsonContext : JsonSerializerContext;
