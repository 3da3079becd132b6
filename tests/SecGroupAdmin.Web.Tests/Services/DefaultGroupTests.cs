using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Quotas;
using SecGroupAdmin.Web.SecurityGroups;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>The per-project default group and the reserved name (neutron/db/securitygroups_db.py: _ensure_default_security_group,
/// update_security_group, delete_security_group); rows of ReferenceObservations: 2, 4, 18, 92, 96.</summary>
public sealed class DefaultGroupTests : IDisposable
{
    private readonly ServiceTestHost host = new();
    private SecurityGroupService Service => host.Service;
    private QuotaService Quotas => host.Quotas;

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task First_list_creates_the_default_group_with_four_template_rules()
    {
        Assert.Equal(0, host.GroupCount(host.TenantA));

        var groups = await Service.ListGroupsAsync(host.MemberA);

        var group = Assert.Single(groups);
        Assert.Equal("default", group.Name);
        Assert.Equal("Default security group", group.Description);
        Assert.True(group.Stateful);
        Assert.Equal(host.TenantA, group.TenantId);
        Assert.Equal(4, group.Rules.Count);
        Assert.All(group.Rules, r =>
        {
            Assert.Null(r.Protocol);
            Assert.Null(r.PortRangeMin);
            Assert.Null(r.PortRangeMax);
            Assert.Null(r.RemoteIpPrefix);
            Assert.Null(r.Description);
            Assert.Equal(host.TenantA, r.TenantId);
        });
        var egress = group.Rules.Where(r => r.Direction == "egress").ToList();
        Assert.Equal(["IPv4", "IPv6"], egress.Select(r => r.Ethertype).Order());
        Assert.All(egress, r => Assert.Null(r.RemoteGroupId));
        var ingress = group.Rules.Where(r => r.Direction == "ingress").ToList();
        Assert.Equal(["IPv4", "IPv6"], ingress.Select(r => r.Ethertype).Order());
        Assert.All(ingress, r => Assert.Equal(group.Id, r.RemoteGroupId));

        using var db = host.NewDb();
        Assert.Equal(group.Id, (await db.DefaultSecurityGroups.SingleAsync(d => d.TenantId == host.TenantA)).SecurityGroupId);
    }

    [Fact]
    public async Task Listing_again_does_not_create_a_second_default_group()
    {
        await Service.ListGroupsAsync(host.MemberA);
        await Service.ListGroupsAsync(host.MemberA);
        await Service.ListRulesAsync(host.ReaderA);

        Assert.Equal(1, host.GroupCount(host.TenantA));
        Assert.Equal(4, host.RuleCount());
    }

    [Fact]
    public async Task First_rule_list_also_creates_the_default_group()
    {
        var rules = await Service.ListRulesAsync(host.MemberA);

        Assert.Equal(4, rules.Count);
        Assert.Equal(1, host.GroupCount(host.TenantA));
    }

    [Fact]
    public async Task Ten_concurrent_first_lists_create_exactly_one_default_group()
    {
        var lists = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Service.ListGroupsAsync(host.MemberA))));

        Assert.Equal(1, host.GroupCount(host.TenantA));
        Assert.Equal(4, host.RuleCount());
        var id = Assert.Single(lists[0]).Id;
        Assert.All(lists, l => Assert.Equal(id, Assert.Single(l).Id));
        using var db = host.NewDb();
        Assert.Equal(1, await db.DefaultSecurityGroups.CountAsync());
    }

    [Fact]
    public async Task Creating_a_group_creates_the_default_group_first()
    {
        var web = await host.NewGroupAsync();

        var groups = await Service.ListGroupsAsync(host.MemberA);
        Assert.Equal(["default", "web"], groups.Select(g => g.Name));
        Assert.True(groups[0].CreatedAt <= web.CreatedAt);
        using var db = host.NewDb();
        Assert.Equal(groups[0].Id, (await db.DefaultSecurityGroups.SingleAsync()).SecurityGroupId);
    }

    [Fact]
    public async Task Auditor_listing_another_tenant_does_not_create_its_default_group()
    {
        var groups = await Service.ListGroupsAsync(host.Auditor, host.TenantB);

        Assert.Empty(groups);
        Assert.Equal(0, host.GroupCount(host.TenantB));
    }

    [Fact]
    public async Task Member_listing_another_tenant_neither_creates_nor_sees_its_groups()
    {
        await Service.ListGroupsAsync(host.MemberB);

        var groups = await Service.ListGroupsAsync(host.MemberA, host.TenantB);

        Assert.Empty(groups);
        Assert.Equal(0, host.GroupCount(host.TenantA));
        Assert.Equal(1, host.GroupCount(host.TenantB));
    }

    [Fact]
    public async Task CloudAdmin_listing_a_tenant_creates_that_tenants_default_group()
    {
        var groups = await Service.ListGroupsAsync(host.CloudAdmin, host.TenantB);

        Assert.Equal("default", Assert.Single(groups).Name);
        Assert.Equal(host.TenantB, groups[0].TenantId);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("DEFAULT")]
    [InlineData("Default")]
    public async Task Creating_a_group_with_the_reserved_name_is_409(string name)
    {
        await AssertFails(() => host.NewGroupAsync(name: name), 409, "SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
        await AssertFails(() => host.NewGroupAsync(host.CloudAdmin, name: name), 409, "SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
    }

    [Theory]
    [InlineData("default")]
    [InlineData("DEFAULT")]
    public async Task Renaming_a_group_to_the_reserved_name_is_409(string name)
    {
        var web = await host.NewGroupAsync();

        await AssertFails(() => Service.UpdateGroupAsync(host.MemberA, web.Id, new GroupUpdateRequest { Name = InputValue.FromString(name) }),
            409, "SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
        Assert.Equal("web", (await Service.GetGroupAsync(host.MemberA, web.Id)).Name);
    }

    [Fact]
    public async Task Renaming_the_default_group_is_409_even_for_CloudAdmin()
    {
        var id = Assert.Single(await Service.ListGroupsAsync(host.MemberA)).Id;
        var rename = new GroupUpdateRequest { Name = InputValue.FromString("renamed") };

        await AssertFails(() => Service.UpdateGroupAsync(host.MemberA, id, rename), 409, "SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.");
        await AssertFails(() => Service.UpdateGroupAsync(host.CloudAdmin, id, rename), 409, "SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.");
        Assert.Equal("default", (await Service.GetGroupAsync(host.MemberA, id)).Name);
    }

    [Fact]
    public async Task Changing_the_default_groups_description_is_allowed()
    {
        var id = Assert.Single(await Service.ListGroupsAsync(host.MemberA)).Id;
        var before = host.Revision(id);

        var updated = await Service.UpdateGroupAsync(host.MemberA, id, new GroupUpdateRequest { Description = InputValue.FromString("mine") });

        Assert.Equal("mine", updated.Description);
        Assert.Equal("default", updated.Name);
        Assert.Equal(before + 1, host.Revision(id));
    }

    [Fact]
    public async Task Member_deleting_the_default_group_is_409()
    {
        var id = Assert.Single(await Service.ListGroupsAsync(host.MemberA)).Id;

        await AssertFails(() => Service.DeleteGroupAsync(host.MemberA, id), 409, "SecurityGroupCannotRemoveDefault",
            "Insufficient rights for removing default security group.");
        await AssertFails(() => Service.DeleteGroupAsync(host.AdminA, id), 409, "SecurityGroupCannotRemoveDefault",
            "Insufficient rights for removing default security group.");
        Assert.Equal(1, host.GroupCount(host.TenantA));
    }

    [Fact]
    public async Task CloudAdmin_deletes_the_default_group_and_the_next_list_recreates_it()
    {
        var id = Assert.Single(await Service.ListGroupsAsync(host.MemberA)).Id;

        await Service.DeleteGroupAsync(host.CloudAdmin, id);

        Assert.Equal(0, host.GroupCount(host.TenantA));
        Assert.Equal(0, host.RuleCount());
        using (var db = host.NewDb())
        {
            Assert.False(await db.DefaultSecurityGroups.AnyAsync());
        }

        var again = Assert.Single(await Service.ListGroupsAsync(host.MemberA));
        Assert.NotEqual(id, again.Id);
        Assert.Equal("default", again.Name);
        Assert.Equal(4, again.Rules.Count);
    }

    [Fact]
    public async Task Default_group_counts_against_the_group_quota()
    {
        await Service.ListGroupsAsync(host.MemberA);
        var usage = await Quotas.GetQuotaUsageAsync(host.MemberA, host.TenantA);

        Assert.Equal(1, usage.SecurityGroups);
        Assert.Equal(4, usage.SecurityGroupRules);
    }
}
