using System.Runtime.CompilerServices;

namespace Ploy.Venues.Polymarket.Tests;

/// <summary>
/// Locates <c>shared/conformance/polymarket</c> beside the repository: walks up to the directory holding Ploy.slnx
/// from the test binaries, then (when PLOY_ARTIFACTS puts the binaries outside the tree) from the working directory
/// and from this source file's compile-time path.
/// </summary>
internal static class VectorPaths
{
    public static string PolymarketVectors => Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "conformance", "polymarket"));

    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start);
            while (directory is not null)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Ploy.slnx")))
                {
                    return directory.FullName;
                }

                directory = directory.Parent;
            }
        }

        throw new DirectoryNotFoundException("Ploy.slnx not found above " + AppContext.BaseDirectory);
    }
}
