namespace Ploy.Persistence.Deployments;

/// <summary>The stored (and command-line) names of <see cref="DeploymentKind"/> and <see cref="DeploymentResult"/>.</summary>
public static class DeploymentText
{
    public static string FromKind(DeploymentKind kind) => kind switch
    {
        DeploymentKind.Deploy => "deploy",
        DeploymentKind.Rollback => "rollback",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a deployment kind."),
    };

    public static bool TryParseKind(string? text, out DeploymentKind kind)
    {
        switch (text)
        {
            case "deploy":
                kind = DeploymentKind.Deploy;
                return true;
            case "rollback":
                kind = DeploymentKind.Rollback;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    public static string FromResult(DeploymentResult result) => result switch
    {
        DeploymentResult.Succeeded => "succeeded",
        DeploymentResult.RolledBack => "rolled_back",
        DeploymentResult.Failed => "failed",
        DeploymentResult.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Not a deployment result."),
    };

    public static bool TryParseResult(string? text, out DeploymentResult result)
    {
        foreach (var candidate in Enum.GetValues<DeploymentResult>())
        {
            if (string.Equals(FromResult(candidate), text, StringComparison.Ordinal))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }
}
