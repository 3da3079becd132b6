using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.SecurityGroups;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>Group update/delete and ports (neutron/db/securitygroups_db.py: update_security_group, delete_security_group,
/// _ensure_default_security_group_on_port / _get_security_groups_on_port); rows of ReferenceObservations: 12, 17, 93–95.</summary>
public sealed class GroupAndPortTests : IDisposable
{
    private readonly ServiceTestHost host = new();
    private SecurityGroupService Service => host.Service;
    private PortService Ports => host.Ports;

    public void Dispose() => host.Dispose();

    private Task<SecGroupAdmin.Data.Ports.Port> PortAsync(params string[] groupIds) =>
        Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { Name = "p", NetworkId = "net", SecurityGroupIds = groupIds });

    [Fact]
    public async Task Create_group_stores_name_description_and_stateful()
    {
        var group = await Service.CreateGroupAsync(host.MemberA, GroupCreateRequest.FromForm("sl", "d", stateful: false));

        var stored = await Service.GetGroupAsync(host.ReaderA, group.Id);
        Assert.Equal("sl", stored.Name);
        Assert.Equal("d", stored.Description);
        Assert.False(stored.Stateful);
        Assert.Equal(host.TenantA, stored.TenantId);
    }

    [Fact]
    public async Task Create_group_with_empty_request_gets_empty_name_and_description()
    {
        var group = await Service.CreateGroupAsync(host.MemberA, new GroupCreateRequest());

        Assert.Equal("", group.Name);
        Assert.Equal("", group.Description);
        Assert.True(group.Stateful);
    }

    [Fact]
    public async Task Create_group_attribute_errors_are_400_and_write_nothing()
    {
        await AssertFails(() => host.NewGroupAsync(name: new string('n', 256)), 400, "HTTPBadRequest",
            $"Invalid input for name. Reason: '{new string('n', 256)}' exceeds maximum length of 255.");
        await AssertFails(() => Service.CreateGroupAsync(host.MemberA, new GroupCreateRequest { Name = InputValue.FromBoolean(true) }), 400, "HTTPBadRequest");
        await AssertFails(() => Service.CreateGroupAsync(host.MemberA, new GroupCreateRequest { Name = InputValue.FromString("x"), ProjectId = host.TenantB }), 400, "HTTPBadRequest",
            "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin or advsvc privileges");
        Assert.Equal(0, host.GroupCount(host.TenantA));
        Assert.Equal(0, host.GroupCount(host.TenantB));
    }

    [Fact]
    public async Task CloudAdmin_may_create_a_group_in_another_tenant()
    {
        var group = await Service.CreateGroupAsync(host.CloudAdmin, new GroupCreateRequest { Name = InputValue.FromString("x"), ProjectId = host.TenantB });

        Assert.Equal(host.TenantB, group.TenantId);
        Assert.All(group.Rules, r => Assert.Equal(host.TenantB, r.TenantId));
        Assert.Equal(2, host.GroupCount(host.TenantB));
    }

    [Fact]
    public async Task Update_changes_name_and_description_and_bumps_the_revision()
    {
        var group = await host.NewGroupAsync();
        var revision = host.Revision(group.Id);

        var updated = await Service.UpdateGroupAsync(host.MemberA, group.Id,
            new GroupUpdateRequest { Name = InputValue.FromString("web2"), Description = InputValue.FromString("d2") }, revision);

        Assert.Equal("web2", updated.Name);
        Assert.Equal("d2", updated.Description);
        Assert.Equal(2, updated.Rules.Count);
        Assert.Equal(revision + 1, host.Revision(group.Id));
    }

    [Fact]
    public async Task Update_with_a_stale_revision_is_412()
    {
        var group = await host.NewGroupAsync();
        var revision = host.Revision(group.Id);

        await AssertFails(() => Service.UpdateGroupAsync(host.MemberA, group.Id, new GroupUpdateRequest { Name = InputValue.FromString("x") }, revision + 5),
            412, "RevisionNumberConstraintFailed", $"Constrained to {revision + 5}, but current revision is {revision}");
        Assert.Equal("web", (await Service.GetGroupAsync(host.MemberA, group.Id)).Name);
    }

    [Fact]
    public async Task Delete_group_removes_it_and_then_is_404()
    {
        var group = await host.NewGroupAsync();

        await Service.DeleteGroupAsync(host.MemberA, group.Id);

        await AssertFails(() => Service.GetGroupAsync(host.MemberA, group.Id), 404, "SecurityGroupNotFound", NotFoundMessage(group.Id));
        await AssertFails(() => Service.DeleteGroupAsync(host.MemberA, group.Id), 404, "SecurityGroupNotFound", NotFoundMessage(group.Id));
    }

    [Fact]
    public async Task Delete_group_in_use_by_a_port_is_409_SecurityGroupInUse()
    {
        var group = await host.NewGroupAsync();
        await PortAsync(group.Id);

        await AssertFails(() => Service.DeleteGroupAsync(host.MemberA, group.Id), 409, "SecurityGroupInUse", $"Security Group {group.Id} in use.");
        await AssertFails(() => Service.DeleteGroupAsync(host.CloudAdmin, group.Id), 409, "SecurityGroupInUse", $"Security Group {group.Id} in use.");
        Assert.Equal(2, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Delete_group_cascades_its_rules_and_rules_of_other_groups_that_use_it_as_remote()
    {
        var web = await host.NewGroupAsync();
        var db = await host.NewGroupAsync(name: "db");
        await Service.CreateRuleAsync(host.MemberA, Rule(web.Id, port: 80));
        var fromWeb = await Service.CreateRuleAsync(host.MemberA, Rule(db.Id, port: 5432, remoteGroupId: web.Id));
        var keep = await Service.CreateRuleAsync(host.MemberA, Rule(db.Id, port: 5433));
        var dbRevision = host.Revision(db.Id);

        await Service.DeleteGroupAsync(host.MemberA, web.Id);

        Assert.Equal(0, host.RuleCount(web.Id));
        var dbRules = await Service.ListRulesAsync(host.MemberA, db.Id);
        Assert.DoesNotContain(dbRules, r => r.Id == fromWeb.Id);
        Assert.Contains(dbRules, r => r.Id == keep.Id);
        Assert.Equal(3, dbRules.Count);
        Assert.True(host.Revision(db.Id) > dbRevision);

        using var ctx = host.NewDb();
        var audit = await ctx.AuditEntries.Where(a => a.Action == "delete").ToListAsync();
        Assert.Contains(audit, a => a.ResourceType == "security_group" && a.ResourceId == web.Id && a.AfterJson == null && a.BeforeJson!.Contains("\"rules\""));
        Assert.Contains(audit, a => a.ResourceType == "security_group_rule" && a.ResourceId == fromWeb.Id && a.BeforeJson!.Contains(web.Id));
    }

    [Fact]
    public async Task Delete_group_of_another_tenant_is_404_and_for_reader_or_auditor_403()
    {
        var group = await host.NewGroupAsync();

        await AssertFails(() => Service.DeleteGroupAsync(host.MemberB, group.Id), 404, "SecurityGroupNotFound", NotFoundMessage(group.Id));
        await AssertFails(() => Service.DeleteGroupAsync(host.ReaderA, group.Id), 403, "PolicyNotAuthorized", "rule:delete_security_group is disallowed by policy");
        await AssertFails(() => Service.DeleteGroupAsync(host.Auditor, group.Id), 403, "PolicyNotAuthorized", "rule:delete_security_group is disallowed by policy");
        Assert.Equal(2, host.GroupCount(host.TenantA));
    }

    [Fact]
    public async Task Changing_stateful_while_in_use_is_409_but_the_same_value_is_allowed()
    {
        var group = await host.NewGroupAsync();
        await PortAsync(group.Id);

        await AssertFails(() => Service.UpdateGroupAsync(host.MemberA, group.Id, new GroupUpdateRequest { Stateful = InputValue.FromBoolean(false) }),
            409, "SecurityGroupInUse", $"Security Group {group.Id} in use.");
        var same = await Service.UpdateGroupAsync(host.MemberA, group.Id, new GroupUpdateRequest { Stateful = InputValue.FromString("true") });

        Assert.True(same.Stateful);
    }

    [Fact]
    public async Task Changing_stateful_of_an_unused_group_is_allowed()
    {
        var group = await host.NewGroupAsync();

        var updated = await Service.UpdateGroupAsync(host.MemberA, group.Id, new GroupUpdateRequest { Stateful = InputValue.FromBoolean(false) });

        Assert.False(updated.Stateful);
    }

    [Fact]
    public async Task Port_with_stateful_and_stateless_groups_is_409_SecurityGroupConflict()
    {
        var stateful = await host.NewGroupAsync();
        var stateless = await host.NewGroupAsync(name: "sl", stateful: false);

        await AssertFails(() => PortAsync(stateful.Id, stateless.Id), 409, "SecurityGroupConflict",
            "Error Cannot apply both stateful and stateless security groups on the same port at the same time while attempting the operation.");
        Assert.Empty(await Ports.ListPortsAsync(host.MemberA));
    }

    [Fact]
    public async Task Port_update_mixing_statefulness_is_409_and_keeps_the_old_groups()
    {
        var stateful = await host.NewGroupAsync();
        var stateless = await host.NewGroupAsync(name: "sl", stateful: false);
        var port = await PortAsync(stateful.Id);

        await AssertFails(() => Ports.UpdatePortAsync(host.MemberA, port.Id, new PortUpdateRequest { SecurityGroupIds = [stateful.Id, stateless.Id] }),
            409, "SecurityGroupConflict");

        Assert.Equal([stateful.Id], (await Ports.GetPortAsync(host.MemberA, port.Id)).SecurityGroups.Select(g => g.Id));
    }

    [Fact]
    public async Task Port_without_security_groups_gets_the_default_group()
    {
        var port = await Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { Name = "vm", NetworkId = "net" });

        var group = Assert.Single(port.SecurityGroups);
        Assert.Equal("default", group.Name);
        Assert.Equal(host.TenantA, group.TenantId);
        Assert.Equal(1, host.GroupCount(host.TenantA));
    }

    [Fact]
    public async Task Port_with_port_security_off_or_trusted_owner_or_empty_list_gets_no_group()
    {
        var unsecured = await Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { PortSecurityEnabled = false });
        var router = await Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { DeviceOwner = "network:router_interface" });
        var empty = await Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { SecurityGroupIds = [] });

        Assert.Empty(unsecured.SecurityGroups);
        Assert.Empty(router.SecurityGroups);
        Assert.Empty(empty.SecurityGroups);
    }

    [Fact]
    public async Task Port_with_groups_but_port_security_off_is_400()
    {
        var group = await host.NewGroupAsync();

        await AssertFails(() => Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { PortSecurityEnabled = false, SecurityGroupIds = [group.Id] }),
            400, "PortSecurityAndIPRequiredForSecurityGroups");
    }

    [Fact]
    public async Task Disabling_port_security_under_bound_groups_is_409()
    {
        var port = await Ports.CreatePortAsync(host.MemberA, new PortCreateRequest());

        await AssertFails(() => Ports.UpdatePortAsync(host.MemberA, port.Id, new PortUpdateRequest { PortSecurityEnabled = false }),
            409, "PortSecurityPortHasSecurityGroup");
    }

    [Fact]
    public async Task Port_with_repeated_group_ids_is_400()
    {
        var group = await host.NewGroupAsync();

        await AssertFails(() => PortAsync(group.Id, group.Id), 400, "HTTPBadRequest",
            $"Invalid input for security_groups. Reason: Duplicate items in the list: '{group.Id}'.");
    }

    [Fact]
    public async Task Port_with_another_tenants_or_unknown_group_is_404()
    {
        var groupB = await host.NewGroupAsync(host.MemberB, "b");

        await AssertFails(() => PortAsync(groupB.Id), 404, "SecurityGroupNotFound", NotFoundMessage(groupB.Id));
        await AssertFails(() => PortAsync("nope"), 404, "SecurityGroupNotFound", NotFoundMessage("nope"));
    }

    [Fact]
    public async Task Port_update_changes_groups_and_bumps_the_port_revision_and_frees_the_old_group()
    {
        var web = await host.NewGroupAsync();
        var db = await host.NewGroupAsync(name: "db");
        var port = await PortAsync(web.Id);

        var updated = await Ports.UpdatePortAsync(host.MemberA, port.Id, new PortUpdateRequest { SecurityGroupIds = [db.Id] }, port.RevisionNumber);

        Assert.Equal([db.Id], updated.SecurityGroups.Select(g => g.Id));
        Assert.Equal(port.RevisionNumber + 1, updated.RevisionNumber);
        await Service.DeleteGroupAsync(host.MemberA, web.Id);
    }

    [Fact]
    public async Task Deleting_the_port_frees_its_group()
    {
        var group = await host.NewGroupAsync();
        var port = await PortAsync(group.Id);

        await Ports.DeletePortAsync(host.MemberA, port.Id);
        await Service.DeleteGroupAsync(host.MemberA, group.Id);

        Assert.Equal(1, host.GroupCount(host.TenantA));
    }
}
