namespace Ploy.Persistence.Deployments;

/// <summary>What changed the running release: a deploy (scripts/deploy.sh) or a rollback by hand (scripts/rollback.sh).</summary>
public enum DeploymentKind
{
    Deploy,
    Rollback,
}
