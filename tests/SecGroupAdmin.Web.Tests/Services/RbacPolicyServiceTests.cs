using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Domain.AddressGroups;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// <see cref="RbacPolicyService"/> and what sharing changes for the receiving tenant, against the database: a shared group is
/// seen (shared = true), usable on the tenant's ports and as its remote group, and not changeable; a share cannot be taken
/// away while it is used; every policy change is audited under the object's tenant; a refused change writes nothing.
/// </summary>
public class RbacPolicyServiceTests : IDisposable
{
    private readonly ServiceTestHost host;

    public RbacPolicyServiceTests() : this(new ServiceTestHost())
    {
    }

    /// <summary>For the same tests on another database (see PostgreSqlServiceTests).</summary>
    protected RbacPolicyServiceTests(ServiceTestHost host) => this.host = host;

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>memberB as the CallerFactory makes it while something is shared with B.</summary>
    private Caller ReceivingB => host.MemberB with { ReceivesShares = true };

    private Task<Data.Rbac.RbacPolicy> ShareAsync(string type, string id, string target, Caller? caller = null) =>
        host.Rbac.CreateAsync(caller ?? host.MemberA, new RbacPolicyCreateRequest
        {
            ObjectType = type,
            ObjectId = id,
            Action = RbacObjectTypes.AccessAsShared,
            TargetTenant = InputValue.FromString(target),
        });

    private static async Task<NeutronError> RefusedAsync(Func<Task> act) => (await Assert.ThrowsAsync<NeutronException>(act)).Error;

    [Fact]
    public async Task A_shared_group_is_read_and_used_by_the_target_but_not_changed()
    {
        var web = await host.NewGroupAsync(host.MemberA, "web");
        Assert.DoesNotContain(await host.Service.ListGroupsAsync(ReceivingB), g => g.Id == web.Id);
        await ShareAsync(RbacObjectTypes.SecurityGroup, web.Id, host.TenantB);

        Assert.Contains(await host.Service.ListGroupsAsync(ReceivingB), g => g.Id == web.Id);
        var seen = await host.Service.FindGroupAsync(ReceivingB, web.Id, withRules: true);
        Assert.True(seen.Shared);
        Assert.NotEmpty(seen.Rules);
        Assert.False((await host.Service.FindGroupAsync(host.MemberA, web.Id, withRules: false)).Shared);
        // A caller made before the share (no shares then) does not look for shared groups.
        Assert.Equal(NeutronErrorTypes.SecurityGroupNotFound, (await RefusedAsync(() => host.Service.FindGroupAsync(host.MemberB, web.Id, false))).Type);

        var port = await host.Ports.CreatePortAsync(ReceivingB, new PortCreateRequest { NetworkId = "net-1", SecurityGroupIds = [web.Id] });
        Assert.Equal(host.TenantB, port.TenantId);
        var bGroup = await host.NewGroupAsync(host.MemberB, "bsg");
        await host.Service.CreateRuleAsync(ReceivingB, new RuleInput
        {
            SecurityGroupId = InputValue.FromString(bGroup.Id),
            Direction = InputValue.FromString("ingress"),
            RemoteGroupId = InputValue.FromString(web.Id),
        });

        var rename = await RefusedAsync(() => host.Service.UpdateGroupAsync(ReceivingB, web.Id, new() { Name = InputValue.FromString("hack") }));
        Assert.Equal("rule:update_security_group is disallowed by policy", rename.Message);
        var addRule = await RefusedAsync(() => host.Service.CreateRuleAsync(ReceivingB, new RuleInput
        {
            SecurityGroupId = InputValue.FromString(web.Id),
            Direction = InputValue.FromString("ingress"),
        }));
        Assert.Equal("rule:create_security_group_rule is disallowed by policy", addRule.Message);
        Assert.Equal(NeutronErrorTypes.PolicyNotAuthorized, (await RefusedAsync(() => host.Service.DeleteGroupAsync(ReceivingB, web.Id))).Type);
        await using var db = host.NewDb();
        Assert.Equal("web", (await db.SecurityGroups.SingleAsync(g => g.Id == web.Id)).Name);
    }

    [Fact]
    public async Task A_share_in_use_stays_until_the_use_goes_and_another_grant_lets_it_go()
    {
        var web = await host.NewGroupAsync(host.MemberA, "web");
        var toB = await ShareAsync(RbacObjectTypes.SecurityGroup, web.Id, host.TenantB);
        var port = await host.Ports.CreatePortAsync(ReceivingB, new PortCreateRequest { NetworkId = "net-1", SecurityGroupIds = [web.Id] });

        var inUse = await RefusedAsync(() => host.Rbac.DeleteAsync(host.MemberA, toB.Id));
        Assert.Equal(NeutronErrorTypes.RbacPolicyInUse, inUse.Type);
        Assert.EndsWith($"project_id={host.TenantB}", inUse.Message, StringComparison.Ordinal);
        Assert.Equal(NeutronErrorTypes.RbacPolicyInUse, (await RefusedAsync(() => host.Rbac.UpdateAsync(host.MemberA, toB.Id, InputValue.FromString(host.TenantA)))).Type);

        // Everyone's share also grants B: then B's own may go, and everyone's may not.
        var everyone = await ShareAsync(RbacObjectTypes.SecurityGroup, web.Id, RbacObjectTypes.Everyone, host.CloudAdmin);
        await host.Rbac.DeleteAsync(host.MemberA, toB.Id);
        Assert.EndsWith("project_id=*", (await RefusedAsync(() => host.Rbac.DeleteAsync(host.CloudAdmin, everyone.Id))).Message, StringComparison.Ordinal);
        await host.Ports.DeletePortAsync(ReceivingB, port.Id);
        await host.Rbac.DeleteAsync(host.CloudAdmin, everyone.Id);

        // Without a share B can no longer use it.
        var gone = await RefusedAsync(() => host.Ports.CreatePortAsync(host.MemberB, new PortCreateRequest { NetworkId = "net-1", SecurityGroupIds = [web.Id] }));
        Assert.Equal(NeutronErrorTypes.SecurityGroupNotFound, gone.Type);
    }

    [Fact]
    public async Task A_shared_address_group_serves_the_targets_rules_and_holds_its_share()
    {
        var office = await host.AddressGroups.CreateAsync(host.MemberA, new AddressGroupCreateRequest
        {
            Name = InputValue.FromString("office"),
            Addresses = AddressListInput.FromItems([InputValue.FromString("10.1.0.0/16")]),
        });
        var bGroup = await host.NewGroupAsync(host.MemberB, "bsg");
        var rule = new RuleInput { SecurityGroupId = InputValue.FromString(bGroup.Id), Direction = InputValue.FromString("ingress"), RemoteAddressGroupId = InputValue.FromString(office.Id) };
        Assert.Equal(NeutronErrorTypes.AddressGroupNotFound, (await RefusedAsync(() => host.Service.CreateRuleAsync(host.MemberB, rule))).Type);

        var share = await ShareAsync(RbacObjectTypes.AddressGroup, office.Id, host.TenantB);
        Assert.Contains(await host.AddressGroups.ListAsync(ReceivingB), g => g.Id == office.Id);
        await host.Service.CreateRuleAsync(ReceivingB, rule);
        Assert.Equal(NeutronErrorTypes.RbacPolicyInUse, (await RefusedAsync(() => host.Rbac.DeleteAsync(host.MemberA, share.Id))).Type);
        Assert.Equal("rule:delete_address_group is disallowed by policy", (await RefusedAsync(() => host.AddressGroups.DeleteAsync(ReceivingB, office.Id))).Message);
    }

    [Fact]
    public async Task Policy_changes_are_audited_under_the_objects_tenant_and_refusals_write_nothing()
    {
        var web = await host.NewGroupAsync(host.MemberA, "web");
        var events = new List<ResourceEvent>();
        using var _ = host.Events.Subscribe(EventPhase.After, (e, _) => { events.Add(e); return Task.CompletedTask; }, ResourceTypes.RbacPolicy);
        var policy = await ShareAsync(RbacObjectTypes.SecurityGroup, web.Id, host.TenantB);
        Assert.Equal(NeutronErrorTypes.DuplicateRbacPolicy, (await RefusedAsync(() => ShareAsync(RbacObjectTypes.SecurityGroup, web.Id, host.TenantB))).Type);
        Assert.Equal(NeutronErrorTypes.PolicyNotAuthorized, (await RefusedAsync(() => ShareAsync(RbacObjectTypes.SecurityGroup, web.Id, host.TenantB, host.ReaderA))).Type);
        Assert.Equal(NeutronErrorTypes.HttpBadRequest, (await RefusedAsync(() => ShareAsync(RbacObjectTypes.SecurityGroup, web.Id, "projB-name"))).Type);
        Assert.Equal(NeutronErrorTypes.InvalidInput, (await RefusedAsync(() => ShareAsync(RbacObjectTypes.SecurityGroup, web.Id, host.TenantA, host.MemberB))).Type);
        await host.Rbac.DeleteAsync(host.MemberA, policy.Id);

        await using var db = host.NewDb();
        Assert.Empty(await db.RbacPolicies.ToListAsync());
        var audit = await db.AuditEntries.Where(a => a.ResourceType == ResourceTypes.RbacPolicy).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([ResourceActions.Create, ResourceActions.Delete], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(host.TenantA, a.TenantId));
        Assert.Contains(host.TenantB, audit[0].AfterJson, StringComparison.Ordinal);
        // Each change is told under the object's tenant and under the target's (its lists gain or lose the group).
        Assert.Equal([host.TenantA, host.TenantB, host.TenantA, host.TenantB], events.Select(e => e.TenantId));
    }

    [Fact]
    public async Task A_receiving_tenant_sees_only_its_own_use_of_a_shared_group_in_the_counts()
    {
        var web = await host.NewGroupAsync(name: "web-shared");
        await ShareAsync(RbacObjectTypes.SecurityGroup, web.Id, host.TenantB);
        await host.Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { Name = "a-vm", SecurityGroupIds = [web.Id] });
        await host.Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { Name = "a-vm2", SecurityGroupIds = [web.Id] });
        await host.Ports.CreatePortAsync(ReceivingB, new PortCreateRequest { Name = "b-vm", SecurityGroupIds = [web.Id] });
        var aGroup = await host.NewGroupAsync(name: "a-app");
        await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(aGroup.Id, "tcp", 80, remoteGroupId: web.Id));
        var summaries = host.Get<GroupSummaryQuery>();

        var ofB = (await summaries.ListPageAsync(ReceivingB, host.TenantB, "web-shared", null, GroupSort.Name, false, 0, 25)).Items.Single();
        var ofA = (await summaries.ListPageAsync(host.MemberA, host.TenantA, "web-shared", null, GroupSort.Name, false, 0, 25)).Items.Single();
        var allOfB = (await summaries.ListGroupSummariesAsync(ReceivingB, host.TenantB)).Single(g => g.Id == web.Id);

        Assert.NotNull(ofB.SharedBy);
        Assert.Equal((1, 0), (ofB.PortCount, ofB.ReferencingRuleCount));
        Assert.Equal((1, 0), (allOfB.PortCount, allOfB.ReferencingRuleCount));
        Assert.Equal((3, 1), (ofA.PortCount, ofA.ReferencingRuleCount));
    }
}
