using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.DefaultRules;
using SecGroupAdmin.Web.Events;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// The drift report (existing groups lacking template rules for their kind) and the per-tenant apply through the rule
/// write path: one transaction and one audit entry per tenant, all or nothing, CloudAdmin only.
/// </summary>
public class DefaultRuleDriftTests : IDisposable
{
    private readonly ServiceTestHost host;
    private readonly DefaultRuleDriftQuery drift;

    public DefaultRuleDriftTests() : this(new ServiceTestHost())
    {
    }

    protected DefaultRuleDriftTests(ServiceTestHost host)
    {
        this.host = host;
        drift = new DefaultRuleDriftQuery(host.DbFactory);
    }

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    private static DefaultRuleInput Input(string protocol, int port, string? remoteGroup, string? prefix, bool inDefault, bool inOthers) => new()
    {
        Direction = InputValue.FromString("ingress"),
        Protocol = InputValue.FromString(protocol),
        PortRangeMin = InputValue.FromInteger(port),
        PortRangeMax = InputValue.FromInteger(port),
        RemoteGroupId = remoteGroup is null ? InputValue.Absent : InputValue.FromString(remoteGroup),
        RemoteIpPrefix = prefix is null ? InputValue.Absent : InputValue.FromString(prefix),
        UsedInDefaultSg = InputValue.FromBoolean(inDefault),
        UsedInNonDefaultSg = InputValue.FromBoolean(inOthers),
    };

    /// <summary>
    /// Tenant A: its default group and "web"; tenant B: its default group and "db", which already has HTTPS from
    /// 10.0.0.0/8 (as protocol "6"). Then the template gains SSH from PARENT for default groups and HTTPS from
    /// 10.0.0.0/8 for other groups (and a rule for neither kind, never drift).
    /// </summary>
    private async Task<(string DefaultA, string WebA, string DefaultB, string DbB)> SeedAsync()
    {
        var defaultA = (await host.Service.ListGroupsAsync(host.MemberA)).Single(g => g.Name == "default").Id;
        var webA = (await host.NewGroupAsync(host.MemberA, "web")).Id;
        var defaultB = (await host.Service.ListGroupsAsync(host.MemberB)).Single(g => g.Name == "default").Id;
        var dbB = (await host.NewGroupAsync(host.MemberB, "db")).Id;
        await host.Service.CreateRuleAsync(host.MemberB, ServiceTestHost.Rule(dbB, "6", 443, "10.0.0.0/8", description: "theirs"));
        await host.DefaultRules.CreateAsync(host.CloudAdmin, Input("tcp", 22, DefaultRule.Parent, null, inDefault: true, inOthers: false));
        await host.DefaultRules.CreateAsync(host.CloudAdmin, Input("tcp", 443, null, "10.0.0.0/8", inDefault: false, inOthers: true));
        await host.DefaultRules.CreateAsync(host.CloudAdmin, Input("udp", 53, null, null, inDefault: false, inOthers: false));
        return (defaultA, webA, defaultB, dbB);
    }

    [Fact]
    public async Task The_report_lists_per_tenant_the_groups_lacking_template_rules_of_their_kind()
    {
        var (defaultA, webA, defaultB, _) = await SeedAsync();

        var tenants = await drift.TenantsAsync(host.CloudAdmin, 0, 50);
        Assert.Equal(2, tenants.TotalTenants);
        Assert.Equal(4, tenants.GroupsCompared);
        Assert.Equal([("tenant-a", 2, 2), ("tenant-b", 1, 1)], tenants.Tenants.Select(t => (t.TenantName, t.Groups, t.MissingRules)));

        var groupsA = await drift.GroupsAsync(host.CloudAdmin, host.TenantA, 0, 50);
        Assert.Equal(2, groupsA.TotalGroups);
        Assert.Equal([defaultA, webA], groupsA.Groups.Select(g => g.GroupId));
        Assert.True(groupsA.Groups[0].IsDefault);
        Assert.Equal((22, DefaultRule.Parent), (Assert.Single(groupsA.Groups[0].Missing).PortRangeMin, groupsA.Groups[0].Missing[0].RemoteGroupId));
        Assert.Equal(443, Assert.Single(groupsA.Groups[1].Missing).PortRangeMin);

        // "db" already has the HTTPS rule, written as protocol "6" with its own description: the same rule.
        var groupsB = await drift.GroupsAsync(host.CloudAdmin, host.TenantB, 0, 50);
        Assert.Equal([defaultB], groupsB.Groups.Select(g => g.GroupId));
    }

    [Fact]
    public async Task The_report_pages_tenants_and_groups()
    {
        await SeedAsync();
        var second = await drift.TenantsAsync(host.CloudAdmin, 1, 1);
        Assert.Equal(2, second.TotalTenants);
        Assert.Equal("tenant-b", Assert.Single(second.Tenants).TenantName);
        var secondGroup = await drift.GroupsAsync(host.CloudAdmin, host.TenantA, 1, 1);
        Assert.Equal(2, secondGroup.TotalGroups);
        Assert.Equal("web", Assert.Single(secondGroup.Groups).Name);
    }

    [Fact]
    public async Task Apply_adds_the_missing_rules_in_one_audited_change_and_leaves_other_tenants_untouched()
    {
        var (defaultA, webA, defaultB, dbB) = await SeedAsync();
        var (revB, rulesB, revA) = (host.Revision(defaultB), host.RuleCount(defaultB), host.Revision(webA));
        var audit = host.AuditCount();
        var events = new List<ResourceEvent>();
        using var subscription = host.Events.Subscribe(EventPhase.After, (e, _) =>
        {
            if (e.Action == ResourceActions.Create)
            {
                events.Add(e);
            }
            return Task.CompletedTask;
        }, ResourceTypes.SecurityGroupRule);

        var applied = await host.Service.ApplyDefaultRulesAsync(host.CloudAdmin, host.TenantA);

        Assert.Equal((2, 2), (applied.Groups, applied.Rules));
        var ssh = (await host.Service.GetGroupAsync(host.CloudAdmin, defaultA)).Rules.Single(r => r.PortRangeMin == 22);
        Assert.Equal((defaultA, host.TenantA, "tcp"), (ssh.RemoteGroupId, ssh.TenantId, ssh.Protocol));
        var https = (await host.Service.GetGroupAsync(host.CloudAdmin, webA)).Rules.Single(r => r.PortRangeMin == 443);
        Assert.Equal("10.0.0.0/8", https.RemoteIpPrefix);
        Assert.Equal(revA + 1, host.Revision(webA));
        Assert.Equal(2, events.Count);

        Assert.Equal(audit + 1, host.AuditCount());
        using (var db = host.NewDb())
        {
            var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal((host.TenantA, "update", "tenant", host.TenantA), (entry.TenantId, entry.Action, entry.ResourceType, entry.ResourceId));
            Assert.Contains(ssh.Id, entry.AfterJson, StringComparison.Ordinal);
            Assert.Contains(https.Id, entry.AfterJson, StringComparison.Ordinal);
        }

        // Tenant B untouched; tenant A no longer drifts; applying again changes nothing and audits nothing.
        Assert.Equal((revB, rulesB), (host.Revision(defaultB), host.RuleCount(defaultB)));
        Assert.Equal(3, host.RuleCount(dbB));
        Assert.Equal(["tenant-b"], (await drift.TenantsAsync(host.CloudAdmin, 0, 50)).Tenants.Select(t => t.TenantName));
        var again = await host.Service.ApplyDefaultRulesAsync(host.CloudAdmin, host.TenantA);
        Assert.Equal((0, 0), (again.Groups, again.Rules));
        Assert.Equal(audit + 1, host.AuditCount());
    }

    [Fact]
    public async Task Over_the_rule_quota_nothing_is_written()
    {
        var (defaultA, webA, _, _) = await SeedAsync();
        using (var db = host.NewDb())
        {
            var used = await db.SecurityGroupRules.CountAsync(r => r.TenantId == host.TenantA);
            await host.SetQuotaAsync(host.TenantA, null, used + 1); // room for one of the two
        }
        var (rules, audit, revision) = (host.RuleCount(), host.AuditCount(), host.Revision(defaultA));

        await ServiceTestHost.AssertFails(() => host.Service.ApplyDefaultRulesAsync(host.CloudAdmin, host.TenantA), 409, NeutronErrorTypes.OverQuota);

        Assert.Equal((rules, audit, revision), (host.RuleCount(), host.AuditCount(), host.Revision(defaultA)));
        Assert.Equal(2, (await drift.GroupsAsync(host.CloudAdmin, host.TenantA, 0, 50)).TotalGroups);
        Assert.Equal(2, host.RuleCount(webA));
    }

    [Fact]
    public async Task A_veto_in_the_last_group_rolls_back_the_first()
    {
        var (defaultA, webA, _, _) = await SeedAsync();
        var rules = host.RuleCount();
        using var veto = host.Events.Subscribe(EventPhase.Before,
            (e, _) => e.SecurityGroupId == webA ? throw new NeutronException(NeutronErrors.BadRequest("no https here")) : Task.CompletedTask,
            ResourceTypes.SecurityGroupRule);

        var error = await ServiceTestHost.ErrorOf(() => host.Service.ApplyDefaultRulesAsync(host.CloudAdmin, host.TenantA));

        Assert.Equal("no https here", error.Message);
        Assert.Equal(rules, host.RuleCount());
        Assert.DoesNotContain((await host.Service.GetGroupAsync(host.CloudAdmin, defaultA)).Rules, r => r.PortRangeMin == 22);
    }

    [Fact]
    public async Task Only_a_cloud_admin_sees_the_report_and_applies()
    {
        await SeedAsync();
        var (rules, audit) = (host.RuleCount(), host.AuditCount());
        foreach (var caller in new[] { host.AdminA, host.MemberA, host.ReaderA, host.Auditor })
        {
            await ServiceTestHost.AssertFails(() => host.Service.ApplyDefaultRulesAsync(caller, host.TenantA), 403, NeutronErrorTypes.PolicyNotAuthorized);
            await ServiceTestHost.AssertFails(() => drift.TenantsAsync(caller, 0, 10), 403, NeutronErrorTypes.PolicyNotAuthorized);
            await ServiceTestHost.AssertFails(() => drift.GroupsAsync(caller, host.TenantA, 0, 10), 403, NeutronErrorTypes.PolicyNotAuthorized);
        }
        Assert.Equal((rules, audit), (host.RuleCount(), host.AuditCount()));
    }
}
