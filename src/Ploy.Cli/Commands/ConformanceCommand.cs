using System.CommandLine;
using Ploy.Venues.Polymarket.Conformance;

namespace Ploy.Cli.Commands;

/// <summary>`ploy conformance polymarket --vectors DIR`: signing and auth checked against official-client vectors.</summary>
public static class ConformanceCommand
{
    public static Command Create()
    {
        var vectors = new Option<DirectoryInfo>("--vectors")
        {
            Description = "Folder in the layout of conformance/polymarket (orders.json, l1_auth.json, l2_hmac.json, v2/…).",
            Required = true,
        };
        vectors.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<DirectoryInfo>() is { Exists: false } dir)
            {
                result.AddError($"--vectors: no such directory: {dir.FullName}");
            }
        });

        var polymarket = new Command("polymarket", "Recompute amounts, EIP-712 hashes, signatures, POST bodies and L1/L2 headers of every vector.") { vectors };
        polymarket.SetAction(parse => PolymarketConformanceRunner.Run(parse.GetValue(vectors)!.FullName, parse.InvocationConfiguration.Output));
        return new Command("conformance", "Check the venue adapters against conformance vectors.") { polymarket };
    }
}
