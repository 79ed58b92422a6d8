namespace Ploy.Hosting.Tests.Logging;

/// <summary>Tests that swap Console.Out/Error: never in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
