using System.Xml.Linq;

namespace Ploy.Cli.Tests;

/// <summary>Dependencies point inward (STYLE.md): Core ← {Venues.*, Execution, Strategies, Persistence} ← Cli.</summary>
public sealed class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Ploy.Core"] = [],
        ["Ploy.Venues.Simulated"] = ["Ploy.Core"],
        ["Ploy.Venues.Polymarket"] = ["Ploy.Core"],
        ["Ploy.Execution"] = ["Ploy.Core"],
        ["Ploy.Strategies"] = ["Ploy.Core"],
        ["Ploy.Persistence"] = ["Ploy.Core"],
        ["Ploy.Hosting"] = ["Ploy.Core"],
        ["Ploy.VenueServer"] = ["Ploy.Core", "Ploy.Venues.Simulated", "Ploy.Venues.Polymarket"],
    };

    [Fact]
    public void ProjectReferences_PointInward()
    {
        var src = Path.Combine(TestPaths.RepositoryRoot, "src");
        var violations = new List<string>();
        foreach (var project in Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            if (!Allowed.TryGetValue(name, out var allowed))
            {
                continue; // composition roots (the CLI, hosting) may reference anything in src
            }

            violations.AddRange(References(project).Where(r => !allowed.Contains(r)).Select(r => $"{name} -> {r}"));
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void EverySourceProject_IsCoveredByTheRules()
    {
        var src = Path.Combine(TestPaths.RepositoryRoot, "src");
        var projects = Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Contains("Ploy.Cli", projects);
        Assert.All(projects.Where(p => p is not "Ploy.Cli"), p => Assert.True(Allowed.ContainsKey(p!), $"{p} has no dependency rule"));
    }

    [Fact]
    public void Core_HasNoPackageReferencesBeyondAnalyzers()
    {
        var core = Path.Combine(TestPaths.RepositoryRoot, "src", "Ploy.Core", "Ploy.Core.csproj");
        var packages = XDocument.Load(core).Descendants("PackageReference").Select(p => (string?)p.Attribute("Include")).ToList();
        Assert.Empty(packages);
    }

    [Fact]
    public void Strategies_DoNotSeeVenuesOrStorage()
    {
        var assembly = typeof(Ploy.Strategies.StrategyCatalog).Assembly;
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain(referenced, r => r is "Ploy.Execution" or "Ploy.Persistence" or "Ploy.Venues.Simulated" or "Ploy.Venues.Polymarket");
    }

    private static IEnumerable<string> References(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? string.Empty).Replace('\\', '/')));
}
