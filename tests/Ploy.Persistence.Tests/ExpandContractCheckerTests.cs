using Ploy.Persistence.Migrations;

namespace Ploy.Persistence.Tests;

public sealed class ExpandContractCheckerTests
{
    private static readonly Migration Initial = new(
        1,
        "initial",
        """
        CREATE TABLE orders (id TEXT PRIMARY KEY, tag TEXT, price TEXT NOT NULL);
        CREATE UNIQUE INDEX orders_venue ON orders (price);
        CREATE INDEX orders_tag ON orders (tag);
        """,
        "DROP TABLE orders");

    private static readonly Migration Expand = new(2, "add_label", "ALTER TABLE orders ADD COLUMN label TEXT", "ALTER TABLE orders DROP COLUMN label");

    [Theory]
    [InlineData("ALTER TABLE orders DROP COLUMN tag", "DROP COLUMN")]
    [InlineData("alter table orders drop tag", "DROP COLUMN")]
    [InlineData("DROP TABLE orders", "DROP TABLE")]
    [InlineData("DROP TABLE IF EXISTS orders", "DROP TABLE")]
    [InlineData("ALTER TABLE orders RENAME TO orders_v2", "ALTER TABLE … RENAME")]
    [InlineData("ALTER TABLE orders RENAME COLUMN tag TO label", "RENAME COLUMN")]
    [InlineData("ALTER TABLE orders RENAME tag TO label", "RENAME COLUMN")]
    [InlineData("ALTER TABLE orders ALTER COLUMN price TYPE numeric", "ALTER COLUMN … TYPE")]
    [InlineData("ALTER TABLE orders ALTER price SET DATA TYPE numeric", "ALTER COLUMN … TYPE")]
    [InlineData("ALTER TABLE orders ALTER COLUMN tag SET NOT NULL", "SET NOT NULL")]
    [InlineData("ALTER TABLE orders ADD COLUMN label TEXT NOT NULL", "ADD COLUMN … NOT NULL without DEFAULT")]
    [InlineData("ALTER TABLE orders ALTER COLUMN price DROP DEFAULT", "DROP DEFAULT")]
    [InlineData("ALTER TABLE orders DROP CONSTRAINT orders_pkey", "DROP CONSTRAINT")]
    [InlineData("DROP INDEX orders_venue", "DROP INDEX")]
    [InlineData("DROP INDEX IF EXISTS public.orders_venue", "DROP INDEX")]
    [InlineData("DROP INDEX somebody_elses_index", "DROP INDEX")]
    [InlineData("DROP VIEW order_summary", "DROP VIEW")]
    [InlineData("TRUNCATE orders", "TRUNCATE")]
    [InlineData("CREATE TABLE x (a INT); ALTER TABLE orders ADD COLUMN b TEXT, DROP COLUMN tag", "DROP COLUMN")]
    [InlineData("DO $$ BEGIN EXECUTE 'SELECT 1'; DROP TABLE orders; END $$", "DROP TABLE")]
    public void Check_ContractingStatementWithoutMarker_IsRefusedNamingIt(string up, string kind)
    {
        var migration = new Migration(3, "contract", up, "SELECT 1");

        var violation = Assert.Single(ExpandContractChecker.Check([migration], deployedVersion: 2, [Initial, Expand, migration]));

        Assert.Equal(kind, violation.Kind);
        Assert.Equal(3, violation.Version);
        Assert.Contains("ploy:contract after=", violation.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ALTER TABLE orders ADD COLUMN label TEXT")]
    [InlineData("ALTER TABLE orders ADD COLUMN label TEXT NOT NULL DEFAULT ''")]
    [InlineData("ALTER TABLE orders ALTER COLUMN tag DROP NOT NULL")]
    [InlineData("CREATE TABLE fills2 (id TEXT NOT NULL PRIMARY KEY); CREATE INDEX fills2_id ON fills2 (id)")]
    [InlineData("DROP INDEX orders_tag")]
    [InlineData("-- we no longer DROP TABLE anything here\nCREATE TABLE z (a INT)")]
    [InlineData("/* DROP COLUMN tag */ INSERT INTO orders (id, price) VALUES ('DROP TABLE orders; x', '1')")]
    [InlineData("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RAISE EXCEPTION 'no; DROP TABLE'; END $f$")]
    public void Check_ExpandOnlyStatements_Pass(string up)
    {
        var migration = new Migration(3, "expand", up, "SELECT 1");

        Assert.Empty(ExpandContractChecker.Check([migration], deployedVersion: 2, [Initial, Expand, migration]));
    }

    [Fact]
    public void Check_MarkedContractStep_PassesOnlyOnceTheNamedVersionIsDeployed()
    {
        var contract = new Migration(
            3,
            "drop_tag",
            """
            -- Release 2 stopped reading orders.tag.
            -- ploy:contract after=2
            ALTER TABLE orders DROP COLUMN tag;
            """,
            "ALTER TABLE orders ADD COLUMN tag TEXT");
        IReadOnlyList<Migration> all = [Initial, Expand, contract];

        var tooEarly = Assert.Single(ExpandContractChecker.Check([Expand, contract], deployedVersion: 1, all));
        Assert.Equal("DROP COLUMN", tooEarly.Kind);
        Assert.Contains("version 2 or later (it is at 1)", tooEarly.Reason, StringComparison.Ordinal);

        Assert.Empty(ExpandContractChecker.Check([contract], deployedVersion: 2, all));
        Assert.Empty(ExpandContractChecker.Check([contract], deployedVersion: 5, all));
    }

    [Fact]
    public void Check_MarkedContractStepOnAnEmptyDatabase_PassesBecauseNoReleaseReadsIt()
    {
        var contract = new Migration(3, "drop_tag", "-- ploy:contract after=2\nALTER TABLE orders DROP COLUMN tag", "SELECT 1");

        Assert.Empty(ExpandContractChecker.Check([Initial, Expand, contract], deployedVersion: 0, [Initial, Expand, contract]));
    }

    [Fact]
    public void Check_UnmarkedContractStepOnAnEmptyDatabase_IsStillRefused()
    {
        // An unmarked contraction is a defect of the build itself, whatever database it meets.
        var contract = new Migration(3, "drop_tag", "ALTER TABLE orders DROP COLUMN tag", "SELECT 1");

        Assert.Single(ExpandContractChecker.Check([Initial, Expand, contract], deployedVersion: 0, [Initial, Expand, contract]));
    }

    [Theory]
    [InlineData("-- ploy:contract\nALTER TABLE orders DROP COLUMN tag")]
    [InlineData("-- ploy:contract after=two\nALTER TABLE orders DROP COLUMN tag")]
    [InlineData("-- ploy:contract after=0\nALTER TABLE orders DROP COLUMN tag")]
    [InlineData("-- ploy:contract after=3\nALTER TABLE orders DROP COLUMN tag")]
    public void Check_MalformedOrSelfReferencingMarker_IsRefused(string up)
    {
        var contract = new Migration(3, "drop_tag", up, "SELECT 1");

        var violation = Assert.Single(ExpandContractChecker.Check([contract], deployedVersion: 10, [Initial, Expand, contract]));

        Assert.Equal("marker", violation.Kind);
    }

    [Fact]
    public void Check_MarkerBelowTheFirstStatement_DoesNotCount()
    {
        var contract = new Migration(3, "drop_tag", "ALTER TABLE orders DROP COLUMN tag;\n-- ploy:contract after=2\n", "SELECT 1");

        Assert.Equal("DROP COLUMN", Assert.Single(ExpandContractChecker.Check([contract], deployedVersion: 2, [Initial, Expand, contract])).Kind);
    }

    [Fact]
    public void Check_ShippedMigrations_AreAllExpandOnly()
    {
        foreach (var folder in new[] { MigrationCatalog.SqliteFolder, MigrationCatalog.PostgresFolder })
        {
            var migrations = MigrationCatalog.Load(folder);
            Assert.Empty(ExpandContractChecker.Check(migrations, deployedVersion: 0, migrations));
            Assert.Empty(ExpandContractChecker.Check(migrations.Skip(1).ToList(), deployedVersion: 1, migrations));
        }
    }

    [Fact]
    public void Violation_ToString_NamesMigrationKindAndStatement()
    {
        var migration = new Migration(7, "drop_tag", "-- comment\nALTER TABLE   orders\n  DROP COLUMN tag ;", "SELECT 1");

        var text = Assert.Single(ExpandContractChecker.Check([migration], 6, [Initial, migration])).ToString();

        Assert.StartsWith("0007_drop_tag: DROP COLUMN in `ALTER TABLE orders DROP COLUMN tag`", text, StringComparison.Ordinal);
    }
}
