using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SecGroupAdmin.Web.Audit;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// The audit entries of a group and of its rules carry the group's id (written by the audit writer, filled in by the
/// migration for entries written before it), so the audit log names a rule change's group, filters by group, and
/// exports the group.
/// </summary>
public abstract class AuditGroupTests(ServiceTestHost host) : IDisposable
{
    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    private Dictionary<string, string?> GroupOfEntries()
    {
        using var db = host.NewDb();
        return db.AuditEntries.AsNoTracking().Where(a => a.ResourceType == "security_group" || a.ResourceType == "security_group_rule" || a.ResourceType == "port")
            .ToList().GroupBy(a => a.ResourceType + ":" + a.Action + ":" + a.ResourceId).ToDictionary(g => g.Key, g => g.First().SecurityGroupId);
    }

    private async Task<(string Web, string Db, string Kept, string Deleted, string Port)> ChangesAsync()
    {
        var web = await host.NewGroupAsync(name: "web", startEmpty: true);
        var other = await host.NewGroupAsync(name: "db", startEmpty: true);
        var kept = await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(web.Id, port: 22, prefix: "10.0.0.0/8"));
        var deleted = await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(web.Id, port: 80, prefix: "10.0.0.0/8"));
        await host.Service.DeleteRuleAsync(host.MemberA, deleted.Id);
        await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(other.Id, port: 5432, prefix: "10.0.0.0/8"));
        var port = await host.Ports.CreatePortAsync(host.MemberA, new Web.Ports.PortCreateRequest { Name = "vm-1", NetworkId = "net-1", SecurityGroupIds = [web.Id] });
        return (web.Id, other.Id, kept.Id, deleted.Id, port.Id);
    }

    [Fact]
    public async Task Group_and_rule_entries_carry_the_group_and_other_entries_none()
    {
        var (web, _, kept, deleted, port) = await ChangesAsync();

        var entries = GroupOfEntries();
        Assert.Equal(web, entries[$"security_group:create:{web}"]);
        Assert.Equal(web, entries[$"security_group_rule:create:{kept}"]);
        Assert.Equal(web, entries[$"security_group_rule:delete:{deleted}"]); // from the before snapshot
        Assert.Null(entries[$"port:create:{port}"]);
    }

    [Fact]
    public async Task The_group_filter_keeps_the_groups_entries_and_its_rules_and_names_the_group()
    {
        var (web, _, kept, deleted, _) = await ChangesAsync();
        var query = host.Get<AuditQuery>();

        var page = await query.ListAsync(host.AdminA, new AuditFilter(SecurityGroupId: web));

        Assert.Equal([deleted, deleted, kept, web], page.Items.Select(r => r.ResourceId));
        Assert.All(page.Items, r => Assert.Equal((web, "web"), (r.SecurityGroupId, r.SecurityGroupName)));
        var csv = AuditExport.ToCsv(page.Items).Split("\r\n");
        Assert.Contains("security_group_id,security_group_name", csv[0], StringComparison.Ordinal);
        Assert.Contains($",{web},web,", csv[1], StringComparison.Ordinal);
        Assert.Contains("group=" + web, AuditExportEndpoints.Url("csv", new AuditFilter(SecurityGroupId: web), "acme"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migration_fills_the_group_of_entries_written_before_it()
    {
        var (web, other, kept, deleted, port) = await ChangesAsync();
        await using (var db = host.NewDb())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var added = migrations.FindIndex(m => m.EndsWith("_AuditSecurityGroupId", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            // Down drops the column (the entries lose it, as before the migration); up adds and backfills it.
            await migrator.MigrateAsync(migrations[added - 1]);
            await migrator.MigrateAsync(migrations[^1]);
        }

        var entries = GroupOfEntries();
        Assert.Equal(web, entries[$"security_group:create:{web}"]);
        Assert.Equal(other, entries[$"security_group:create:{other}"]);
        Assert.Equal(web, entries[$"security_group_rule:create:{kept}"]);
        Assert.Equal(web, entries[$"security_group_rule:delete:{deleted}"]);
        Assert.Null(entries[$"port:create:{port}"]);
    }
}

public sealed class AuditGroupTestsOnSqlite() : AuditGroupTests(new ServiceTestHost(Web.Hosting.DatabaseProvider.Sqlite));

public sealed class AuditGroupTestsOnPostgreSql() : AuditGroupTests(new ServiceTestHost(Web.Hosting.DatabaseProvider.PostgreSql));
