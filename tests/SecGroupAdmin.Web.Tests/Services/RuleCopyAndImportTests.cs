using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Web.RuleFiles;
using SecGroupAdmin.Web.SecurityGroups;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// Copying rules to another group and importing them from a file (#16) on a real SQLite database: through the one bulk
/// create path (all or nothing, audited, authorized), leaving out the rules the target holds already and saying so.
/// </summary>
public sealed class RuleCopyAndImportTests : IDisposable
{
    private readonly ServiceTestHost host = new();
    private SecurityGroupService Service => host.Service;

    public void Dispose() => host.Dispose();

    private int TenantRuleCount()
    {
        using var db = host.NewDb();
        return db.SecurityGroupRules.Count(r => r.TenantId == host.TenantA);
    }

    [Fact]
    public async Task Copy_adds_the_new_rules_and_reports_the_ones_already_present()
    {
        var source = await host.NewGroupAsync(name: "source", startEmpty: true);
        var target = await host.NewGroupAsync(name: "target", startEmpty: true);
        var ssh = await Service.CreateRuleAsync(host.MemberA, Rule(source.Id, port: 22, prefix: "10.0.0.0/8"));
        var https = await Service.CreateRuleAsync(host.MemberA, Rule(source.Id, port: 443, prefix: "0.0.0.0/0"));
        var self = await Service.CreateRuleAsync(host.MemberA, Rule(source.Id, port: 5432, remoteGroupId: source.Id));
        // The target holds the SSH rule already, written with host bits: the same rule by Neutron's duplicate key.
        var existing = await Service.CreateRuleAsync(host.MemberA, Rule(target.Id, port: 22, prefix: "10.0.0.0/8"));
        var auditBefore = host.AuditCount();
        var revision = host.Revision(target.Id);

        var result = await Service.CopyRulesAsync(host.MemberA, source.Id, [ssh.Id, https.Id, self.Id], target.Id);

        Assert.Equal(2, result.Added.Count);
        var present = Assert.Single(result.AlreadyPresent);
        Assert.Equal(existing.Id, present.ExistingRuleId);
        Assert.Contains("22", present.Sentence, StringComparison.Ordinal);
        Assert.Equal("2 copied, 1 already present (" + present.Sentence + ").", result.Summary("copied"));
        Assert.Equal(3, host.RuleCount(target.Id));
        // A rule naming the source group as its remote is copied as it is.
        Assert.Contains(result.Added, r => r.PortRangeMin == 5432 && r.RemoteGroupId == source.Id && r.SecurityGroupId == target.Id);
        Assert.Equal(auditBefore + 2, host.AuditCount());
        Assert.True(host.Revision(target.Id) > revision);
        using var db = host.NewDb();
        var audited = await db.AuditEntries.Where(a => a.ResourceType == "security_group_rule" && a.Action == "create" && a.SecurityGroupId == target.Id).Select(a => a.ResourceId).ToListAsync();
        Assert.Subset(audited.ToHashSet(), result.Added.Select(r => r.Id).ToHashSet());
    }

    [Fact]
    public async Task Copy_of_rules_all_present_writes_nothing()
    {
        var source = await host.NewGroupAsync(name: "source");
        var target = await host.NewGroupAsync(name: "target");
        var auditBefore = host.AuditCount();
        var revision = host.Revision(target.Id);

        // Both groups start with the same two egress rules.
        var result = await Service.CopyRulesAsync(host.MemberA, source.Id, [.. source.Rules.Select(r => r.Id)], target.Id);

        Assert.Empty(result.Added);
        Assert.Equal(2, result.AlreadyPresent.Count);
        Assert.Equal(auditBefore, host.AuditCount());
        Assert.Equal(revision, host.Revision(target.Id));
    }

    [Fact]
    public async Task Copy_is_all_or_nothing_over_the_quota()
    {
        var source = await host.NewGroupAsync(name: "source", startEmpty: true);
        var target = await host.NewGroupAsync(name: "target", startEmpty: true);
        var a = await Service.CreateRuleAsync(host.MemberA, Rule(source.Id, port: 1));
        var b = await Service.CreateRuleAsync(host.MemberA, Rule(source.Id, port: 2));
        await host.SetQuotaAsync(host.TenantA, null, TenantRuleCount() + 1);

        await AssertFails(() => Service.CopyRulesAsync(host.MemberA, source.Id, [a.Id, b.Id], target.Id), 409, "OverQuota");

        Assert.Equal(0, host.RuleCount(target.Id));
    }

    [Fact]
    public async Task Copy_needs_write_on_the_target_and_read_on_the_source()
    {
        var source = await host.NewGroupAsync(name: "source", startEmpty: true);
        var target = await host.NewGroupAsync(name: "target", startEmpty: true);
        var rule = await Service.CreateRuleAsync(host.MemberA, Rule(source.Id));
        var foreign = await host.NewGroupAsync(host.MemberB, name: "foreign");

        await AssertFails(() => Service.CopyRulesAsync(host.ReaderA, source.Id, [rule.Id], target.Id), 403, "PolicyNotAuthorized");
        // Another tenant's group is not found, as source or as target.
        await AssertFails(() => Service.CopyRulesAsync(host.MemberB, source.Id, [rule.Id], foreign.Id), 404, "SecurityGroupNotFound");
        await AssertFails(() => Service.CopyRulesAsync(host.MemberA, source.Id, [rule.Id], foreign.Id), 404, "SecurityGroupNotFound");
        // A rule of another group is not taken through this one.
        await AssertFails(() => Service.CopyRulesAsync(host.MemberA, target.Id, [rule.Id], source.Id), 404, "SecurityGroupRuleNotFound");

        Assert.Equal(0, host.RuleCount(target.Id));
        Assert.Equal(2, host.RuleCount(foreign.Id));
    }

    [Fact]
    public async Task Import_dry_run_lists_what_it_would_add_what_is_present_and_what_is_invalid()
    {
        var group = await host.NewGroupAsync(name: "web", startEmpty: true);
        await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 22, prefix: "10.0.0.0/8"));
        var file = RuleFileParser.Parse(
            "direction,protocol,port_range_min,port_range_max,remote_ip_prefix,remote_group_id\n" +
            "ingress,tcp,22,22,10.0.0.0/8,\n" +        // present
            "ingress,tcp,443,443,0.0.0.0/0,\n" +       // new
            "ingress,tcp,443,443,0.0.0.0/0,\n" +       // repeats line 3
            "ingress,tcp,70000,70000,,\n" +            // invalid port
            "sideways,tcp,80,80,,\n" +                 // invalid direction
            "ingress,tcp,5432,5432,,00000000-0000-0000-0000-000000000000\n" + // unknown remote group
            "ingress,tcp\n");                          // bad line
        var auditBefore = host.AuditCount();

        var preview = await Service.PreviewImportAsync(host.MemberA, group.Id, file);

        Assert.Equal(["line 3"], preview.ToAdd.Select(i => i.Where));
        Assert.Equal(["line 2", "line 4"], preview.Present.Select(i => i.Where));
        Assert.Equal(["line 8", "line 5", "line 6", "line 7"], preview.Invalid.Select(i => i.Where));
        Assert.Contains("70000", preview.Invalid.Single(i => i.Where == "line 5").Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", preview.Invalid.Single(i => i.Where == "line 7").Message, StringComparison.Ordinal);
        Assert.Equal(1, host.RuleCount(group.Id));
        Assert.Equal(auditBefore, host.AuditCount());

        var result = await Service.ImportRulesAsync(host.MemberA, group.Id, preview.Inputs);

        Assert.Single(result.Added);
        Assert.Equal(2, host.RuleCount(group.Id));
        Assert.Equal(auditBefore + 1, host.AuditCount());
    }

    [Fact]
    public async Task Import_is_all_or_nothing_one_invalid_rule_refuses_them_all()
    {
        var group = await host.NewGroupAsync(name: "web", startEmpty: true);

        var error = await ErrorOf(() => Service.ImportRulesAsync(host.MemberA, group.Id,
            [Rule(group.Id, port: 80), Rule(group.Id, port: 81), Rule(group.Id, port: 70000)]));

        Assert.Equal(400, error.Status);
        Assert.Equal(0, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Import_needs_write_on_the_group()
    {
        var group = await host.NewGroupAsync(name: "web", startEmpty: true);
        var file = RuleFileParser.Parse("""{"security_group_rules": [{"direction": "ingress", "protocol": "tcp", "port_range_min": 80, "port_range_max": 80}]}""");

        await AssertFails(() => Service.PreviewImportAsync(host.ReaderA, group.Id, file), 403, "PolicyNotAuthorized");
        await AssertFails(() => Service.PreviewImportAsync(host.MemberB, group.Id, file), 404, "SecurityGroupNotFound");
        await AssertFails(() => Service.ImportRulesAsync(host.ReaderA, group.Id, [.. file.Rows.Select(r => r.Input)]), 403, "PolicyNotAuthorized");
        Assert.Equal(0, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Export_then_import_into_the_same_group_adds_nothing()
    {
        var group = await host.NewGroupAsync(name: "web");
        await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 22, prefix: "10.0.0.1/8", description: "ssh, \"admins\""));
        await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, protocol: "icmp", port: null, prefix: "0.0.0.0/0"));
        await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 5432, remoteGroupId: group.Id));
        var rules = (await Service.GetGroupAsync(host.MemberA, group.Id)).Rules;

        foreach (var text in new[] { RuleFileWriter.ToJson(rules), RuleFileWriter.ToCsv(rules) })
        {
            var preview = await Service.PreviewImportAsync(host.MemberA, group.Id, RuleFileParser.Parse(text));
            Assert.True(preview.Invalid.Count == 0, string.Join("; ", preview.Invalid.Select(i => $"{i.Where}: {i.Message}")));
            Assert.Empty(preview.ToAdd);
            Assert.Equal(rules.Count, preview.Present.Count);
        }

        // Into another group every rule is new (the self-reference stays a reference to "web").
        var other = await host.NewGroupAsync(name: "other", startEmpty: true);
        var intoOther = await Service.PreviewImportAsync(host.MemberA, other.Id, RuleFileParser.Parse(RuleFileWriter.ToJson(rules)));
        Assert.Equal(rules.Count, intoOther.ToAdd.Count);
        var added = await Service.ImportRulesAsync(host.MemberA, other.Id, intoOther.Inputs);
        Assert.Equal(rules.Count, added.Added.Count);
        Assert.Contains(added.Added, r => r.RemoteGroupId == group.Id);
    }
    [Fact]
    public async Task Where_used_counts_ports_and_referencing_rules_per_group_and_the_list_counts_exposed_rules()
    {
        var db = await host.NewGroupAsync(name: "db", startEmpty: true);
        var app = await host.NewGroupAsync(name: "app", startEmpty: true);
        var web = await host.NewGroupAsync(name: "web", startEmpty: true);
        await Service.CreateRulesAsync(host.MemberA, [Rule(app.Id, port: 5432, remoteGroupId: db.Id), Rule(app.Id, port: 5433, remoteGroupId: db.Id)]);
        await Service.CreateRuleAsync(host.MemberA, Rule(web.Id, port: 5432, remoteGroupId: db.Id));
        await Service.CreateRuleAsync(host.MemberA, Rule(db.Id, port: 6379, remoteGroupId: db.Id)); // its own: not "used by another group"
        await Service.CreateRuleAsync(host.MemberA, Rule(db.Id, port: 5432, prefix: "0.0.0.0/0"));
        await host.Ports.CreatePortAsync(host.MemberA, new Web.Ports.PortCreateRequest { Name = "db-1", SecurityGroupIds = [db.Id] });

        var used = await host.Get<GroupWhereUsedQuery>().ReadAsync(host.MemberA, host.TenantA, db.Id);

        Assert.Equal(["db-1"], used.Ports.Select(p => p.Name));
        Assert.Equal(1, used.PortCount);
        Assert.Equal([("app", 2), ("web", 1)], used.Groups.Select(g => (g.GroupName, g.RuleCount)));
        Assert.Equal(2, used.GroupCount);
        Assert.Equal(3, used.RuleCount);
        Assert.Empty((await host.Get<GroupWhereUsedQuery>().ReadAsync(host.MemberB, host.TenantA, db.Id)).Groups);

        var page = await host.Get<GroupSummaryQuery>().ListPageAsync(host.MemberA, host.TenantA, null, null, GroupSort.Name, false, 0, 25);
        Assert.Equal(1, page.Items.Single(g => g.Id == db.Id).ExposedCount);
        Assert.Equal(0, page.Items.Single(g => g.Id == app.Id).ExposedCount);
    }
}
