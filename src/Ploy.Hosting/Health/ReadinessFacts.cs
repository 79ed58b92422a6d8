namespace Ploy.Hosting.Health;

/// <summary>What must hold before the instance takes traffic (and orders).</summary>
/// <param name="Reconciled">Start-up reconciliation with the venue finished.</param>
/// <param name="BooksTrusted">Every subscribed book is fresh and consistent.</param>
/// <param name="DatabaseWritable">The journal's last write succeeded (trading fails closed otherwise).</param>
/// <param name="Halted">The kill switch is engaged.</param>
/// <param name="Role">"leader" today; "standby" once leader election exists (a standby is alive but not ready).</param>
public sealed record ReadinessFacts(bool Reconciled, bool BooksTrusted, bool DatabaseWritable, bool Halted, string Role = ReadinessFacts.LeaderRole)
{
    public const string LeaderRole = "leader";
    public const string StandbyRole = "standby";
}
