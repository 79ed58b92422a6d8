namespace Ploy.Cli.Database;

/// <summary>The <c>ploy db</c> subcommands.</summary>
internal enum DbAction
{
    Status,
    Migrate,
    Rollback,
}
