using SecGroupAdmin.Web.Quotas;
using SecGroupAdmin.Web.SecurityGroups;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>Quotas of security_group and security_group_rule (Neutron: neutron/quota, OverQuota); rows 90, 91 of ReferenceObservations.</summary>
public class QuotaTests : IDisposable
{
    private const string GroupOverQuota = "Quota exceeded for resources: ['security_group'].";
    private const string RuleOverQuota = "Quota exceeded for resources: ['security_group_rule'].";
    private readonly ServiceTestHost host;

    public QuotaTests() : this(new ServiceTestHost())
    {
    }

    /// <summary>For the same tests on another database (see PostgreSqlServiceTests).</summary>
    protected QuotaTests(ServiceTestHost host) => this.host = host;
    private SecurityGroupService Service => host.Service;
    private QuotaService Quotas => host.Quotas;

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Default_quotas_are_ten_groups_and_one_hundred_rules()
    {
        Assert.Equal(new QuotaSet(10, 100), await Quotas.GetQuotaAsync(host.ReaderA, host.TenantA));
    }

    [Fact]
    public async Task Eleventh_group_including_the_default_group_is_409_OverQuota()
    {
        for (var i = 0; i < 9; i++)
        {
            await host.NewGroupAsync(name: $"g{i}");
        }
        Assert.Equal(10, host.GroupCount(host.TenantA));

        await AssertFails(() => host.NewGroupAsync(name: "q6"), 409, "OverQuota", GroupOverQuota);
        Assert.Equal(10, host.GroupCount(host.TenantA));
    }

    [Fact]
    public async Task Group_quota_zero_refuses_every_group()
    {
        await host.SetQuotaAsync(host.TenantA, 0, null);

        await AssertFails(() => host.NewGroupAsync(), 409, "OverQuota", GroupOverQuota);
    }

    [Fact]
    public async Task Rule_quota_counts_template_rules_and_refuses_the_hundred_and_first()
    {
        var group = await host.NewGroupAsync();
        Assert.Equal(6, (await Quotas.GetQuotaUsageAsync(host.MemberA, host.TenantA)).SecurityGroupRules);

        await Service.CreateRulesAsync(host.MemberA, [.. Enumerable.Range(1, 94).Select(p => Rule(group.Id, port: p))]);
        Assert.Equal(100, (await Quotas.GetQuotaUsageAsync(host.MemberA, host.TenantA)).SecurityGroupRules);

        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 1000)), 409, "OverQuota", RuleOverQuota);
        Assert.Equal(96, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Bulk_over_the_rule_quota_writes_nothing()
    {
        var group = await host.NewGroupAsync();
        await host.SetQuotaAsync(host.TenantA, null, 8);

        await AssertFails(() => Service.CreateRulesAsync(host.MemberA, [Rule(group.Id, port: 1), Rule(group.Id, port: 2), Rule(group.Id, port: 3)]),
            409, "OverQuota", RuleOverQuota);
        Assert.Equal(2, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Rule_quota_usage_plus_one_lets_the_first_create_through_and_refuses_the_second()
    {
        var group = await host.NewGroupAsync();
        var usage = (await Quotas.GetQuotaUsageAsync(host.MemberA, host.TenantA)).SecurityGroupRules;
        await host.SetQuotaAsync(host.TenantA, null, usage + 1);

        await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 1));
        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 2)), 409, "OverQuota", RuleOverQuota);
    }

    [Fact]
    public async Task Group_creation_is_refused_when_the_rule_quota_cannot_hold_the_template_rules()
    {
        await host.NewGroupAsync();
        var usage = (await Quotas.GetQuotaUsageAsync(host.MemberA, host.TenantA)).SecurityGroupRules;
        await host.SetQuotaAsync(host.TenantA, null, usage + 1);

        await AssertFails(() => host.NewGroupAsync(name: "second"), 409, "OverQuota", RuleOverQuota);
        Assert.Equal(2, host.GroupCount(host.TenantA));
        // An empty group needs no rule quota.
        await host.NewGroupAsync(name: "empty", startEmpty: true);
    }

    [Fact]
    public async Task Rule_quota_zero_refuses_a_new_group()
    {
        await host.SetQuotaAsync(host.TenantA, null, 0);

        await AssertFails(() => host.NewGroupAsync(), 409, "OverQuota", RuleOverQuota);
    }

    [Fact]
    public async Task Minus_one_is_unlimited()
    {
        await host.SetQuotaAsync(host.TenantA, -1, -1);
        for (var i = 0; i < 12; i++)
        {
            await host.NewGroupAsync(name: $"g{i}");
        }
        var group = await host.NewGroupAsync(name: "big");

        await Service.CreateRulesAsync(host.MemberA, [.. Enumerable.Range(1, 150).Select(p => Rule(group.Id, port: p))]);

        Assert.Equal(14, host.GroupCount(host.TenantA));
        Assert.Equal(152, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Rules_are_counted_against_the_rules_own_project()
    {
        var group = await host.NewGroupAsync();
        await host.SetQuotaAsync(host.TenantA, null, 6);

        // The CloudAdmin's rule counts against the operators' project, not A's.
        await Service.CreateRuleAsync(host.CloudAdmin, Rule(group.Id, port: 7100));
        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 7101)), 409, "OverQuota", RuleOverQuota);
        Assert.Equal(1, (await Quotas.GetQuotaUsageAsync(host.CloudAdmin, host.OpsTenant)).SecurityGroupRules);
    }

    [Fact]
    public async Task Lowering_a_quota_below_usage_is_allowed()
    {
        await host.NewGroupAsync();

        var quota = await Quotas.UpdateQuotaAsync(host.CloudAdmin, host.TenantA, 1, 1);

        Assert.Equal(new QuotaSet(1, 1), quota);
        Assert.Equal(quota, await Quotas.GetQuotaAsync(host.MemberA, host.TenantA));
    }

    [Fact]
    public async Task Quota_below_minus_one_is_400()
    {
        await AssertFails(() => Quotas.UpdateQuotaAsync(host.CloudAdmin, host.TenantA, -2, null), 400, "HTTPBadRequest",
            "Invalid input for security_group. Reason: '-2' is too small - must be at least '-1'.");
    }

    [Fact]
    public async Task Only_CloudAdmin_updates_quotas_member_gets_403_other_tenant_404()
    {
        await AssertFails(() => Quotas.UpdateQuotaAsync(host.MemberA, host.TenantA, 50, 500), 403, "PolicyNotAuthorized", "rule:update_quota is disallowed by policy");
        await AssertFails(() => Quotas.UpdateQuotaAsync(host.AdminA, host.TenantA, 50, 500), 403, "PolicyNotAuthorized", "rule:update_quota is disallowed by policy");
        await AssertFails(() => Quotas.UpdateQuotaAsync(host.Auditor, host.TenantA, 50, 500), 403, "PolicyNotAuthorized", "rule:update_quota is disallowed by policy");
        await AssertFails(() => Quotas.UpdateQuotaAsync(host.MemberA, host.TenantB, 50, 500), 404, "HTTPNotFound", "The resource could not be found.");
        await AssertFails(() => Quotas.GetQuotaAsync(host.MemberA, host.TenantB), 404, "HTTPNotFound");
        Assert.Equal(new QuotaSet(10, 100), await Quotas.GetQuotaAsync(host.CloudAdmin, host.TenantA));
    }

    [Fact]
    public async Task Reader_creating_a_group_over_quota_is_403_not_OverQuota()
    {
        await host.NewGroupAsync();
        await host.SetQuotaAsync(host.TenantA, 2, null);
        await AssertFails(() => host.NewGroupAsync(name: "full"), 409, "OverQuota", GroupOverQuota);

        // Neutron enforces the policy before the quota (base controller: policy.enforce, then make_reservation).
        await AssertFails(() => host.NewGroupAsync(host.ReaderA, "x"), 403, "PolicyNotAuthorized", "rule:create_security_group is disallowed by policy");
    }

    [Fact]
    public async Task Member_over_rule_quota_posting_into_another_tenants_group_is_404_not_OverQuota()
    {
        var groupA = await host.NewGroupAsync();
        await Service.ListGroupsAsync(host.MemberB);
        await host.SetQuotaAsync(host.TenantB, null, 4);

        // The invisible group is "not found" before the quota is looked at, as on the reference.
        await AssertFails(() => Service.CreateRuleAsync(host.MemberB, Rule(groupA.Id, port: 1)), 404, "SecurityGroupNotFound", NotFoundMessage(groupA.Id));
        await AssertFails(() => Service.CreateRuleAsync(host.ReaderA, Rule(groupA.Id, port: 1)), 403, "PolicyNotAuthorized");
    }
}
