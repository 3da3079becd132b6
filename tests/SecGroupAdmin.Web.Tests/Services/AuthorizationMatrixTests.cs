using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.Quotas;
using SecGroupAdmin.Web.SecurityGroups;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// Who may do what to tenant A's resources (Neutron's project-scoped policies; the API side is Api/AuthorizationMatrixTests): invisible → 404, visible but not
/// writable → 403, reads never return another tenant's data. Status 0 means success.
/// </summary>
public sealed class AuthorizationMatrixTests : IDisposable
{
    private readonly ServiceTestHost host = new();
    private SecurityGroupService Service => host.Service;
    private PortService Ports => host.Ports;
    private QuotaService Quotas => host.Quotas;

    public void Dispose() => host.Dispose();

    private Caller As(string who) => who switch
    {
        "memberA" => host.MemberA,
        "adminA" => host.AdminA,
        "readerA" => host.ReaderA,
        "memberB" => host.MemberB,
        "auditor" => host.Auditor,
        "cloudAdmin" => host.CloudAdmin,
        "outsider" => host.Outsider,
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    private static async Task Expect(int status, Func<Task> act)
    {
        if (status == 0)
        {
            await act();
            return;
        }
        var error = await ErrorOf(act);
        Assert.Equal(status, error.Status);
        Assert.Equal(status == 403 ? "PolicyNotAuthorized" : error.Type, error.Type);
    }

    private async Task<(string GroupId, string RuleId, string PortId)> SeedAsync()
    {
        var group = await host.NewGroupAsync();
        var rule = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 22));
        var port = await Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { Name = "vm", SecurityGroupIds = [group.Id] });
        return (group.Id, rule.Id, port.Id);
    }

    [Theory]
    [InlineData("memberA", 0)]
    [InlineData("adminA", 0)]
    [InlineData("readerA", 0)]
    [InlineData("memberB", 404)]
    [InlineData("auditor", 0)]
    [InlineData("cloudAdmin", 0)]
    [InlineData("outsider", 404)]
    public async Task Read_group_rule_port_and_quota(string who, int status)
    {
        var (groupId, ruleId, portId) = await SeedAsync();
        var caller = As(who);

        await Expect(status, () => Service.GetGroupAsync(caller, groupId));
        await Expect(status, () => Service.GetRuleAsync(caller, ruleId));
        await Expect(status, () => Ports.GetPortAsync(caller, portId));
        await Expect(status, () => Quotas.GetQuotaAsync(caller, host.TenantA));
    }

    [Theory]
    [InlineData("memberA", true)]
    [InlineData("readerA", true)]
    [InlineData("memberB", false)]
    [InlineData("auditor", true)]
    [InlineData("cloudAdmin", true)]
    [InlineData("outsider", false)]
    public async Task Lists_show_tenant_As_data_only_to_those_who_may_read_it(string who, bool seesA)
    {
        var (groupId, ruleId, portId) = await SeedAsync();
        await Service.CreateGroupAsync(host.MemberB, GroupCreateRequest.FromForm("b", null));
        var caller = As(who);

        var groups = await Service.ListGroupsAsync(caller, host.TenantA);
        var allGroups = await Service.ListGroupsAsync(caller);
        var rules = await Service.ListRulesAsync(caller);
        var ports = await Ports.ListPortsAsync(caller);

        Assert.Equal(seesA, groups.Any(g => g.Id == groupId));
        Assert.Equal(seesA, allGroups.Any(g => g.Id == groupId));
        Assert.Equal(seesA, rules.Any(r => r.Id == ruleId));
        Assert.Equal(seesA, ports.Any(p => p.Id == portId));
        if (!caller.IsAdmin && !caller.IsAuditor)
        {
            Assert.All(allGroups, g => Assert.Equal(caller.TenantId, g.TenantId));
            Assert.All(ports, p => Assert.Equal(caller.TenantId, p.TenantId));
        }
    }

    [Theory]
    [InlineData("memberA", 0)]
    [InlineData("adminA", 0)]
    [InlineData("readerA", 403)]
    [InlineData("memberB", 404)]
    [InlineData("auditor", 403)]
    [InlineData("cloudAdmin", 0)]
    [InlineData("outsider", 404)]
    public async Task Write_group_rule_and_port(string who, int status)
    {
        var (groupId, ruleId, portId) = await SeedAsync();
        var caller = As(who);

        await Expect(status, () => Service.CreateRuleAsync(caller, Rule(groupId, port: 80)));
        await Expect(status, () => Service.ReplaceRuleAsync(caller, ruleId, Rule(groupId, port: 2222)));
        await Expect(status, () => Service.UpdateGroupAsync(caller, groupId, new GroupUpdateRequest { Description = InputValue.FromString("x") }));
        await Expect(status, () => Ports.UpdatePortAsync(caller, portId, new PortUpdateRequest { SecurityGroupIds = [] }));
        await Expect(status, () => Ports.DeletePortAsync(caller, portId));
        await Expect(status, () => Service.DeleteGroupAsync(caller, groupId));

        if (status != 0)
        {
            Assert.Equal(2, host.GroupCount(host.TenantA));
            Assert.Equal(3, host.RuleCount(groupId));
            Assert.Single(await Ports.ListPortsAsync(host.MemberA));
        }
        else
        {
            Assert.Equal(1, host.GroupCount(host.TenantA));
        }
    }

    [Theory]
    [InlineData("memberA", 0)]
    [InlineData("adminA", 0)]
    [InlineData("readerA", 403)]
    [InlineData("auditor", 403)]
    public async Task Create_group_and_port_in_own_tenant(string who, int status)
    {
        var caller = As(who);

        await Expect(status, () => Service.CreateGroupAsync(caller, GroupCreateRequest.FromForm("g", null)));
        await Expect(status, () => Ports.CreatePortAsync(caller, new PortCreateRequest { Name = "p" }));
    }

    [Fact]
    public async Task Members_cannot_create_in_another_tenant_but_CloudAdmin_can()
    {
        await AssertFails(() => Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { ProjectId = host.TenantB }), 400, "HTTPBadRequest");
        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule("x"), host.TenantB), 400, "HTTPBadRequest");

        var port = await Ports.CreatePortAsync(host.CloudAdmin, new PortCreateRequest { ProjectId = host.TenantB });

        Assert.Equal(host.TenantB, port.TenantId);
        Assert.Equal("default", Assert.Single(port.SecurityGroups).Name);
    }

    [Fact]
    public async Task Rule_of_another_tenant_is_HTTPNotFound_as_on_the_reference()
    {
        var (_, ruleId, _) = await SeedAsync();

        await AssertFails(() => Service.GetRuleAsync(host.MemberB, ruleId), 404, "HTTPNotFound", "The resource could not be found.");
    }

    [Fact]
    public async Task Group_of_another_tenant_is_SecurityGroupNotFound_as_on_the_reference()
    {
        var (groupId, _, _) = await SeedAsync();

        await AssertFails(() => Service.GetGroupAsync(host.MemberB, groupId), 404, "SecurityGroupNotFound", NotFoundMessage(groupId));
        await AssertFails(() => Service.UpdateGroupAsync(host.MemberB, groupId, new GroupUpdateRequest { Name = InputValue.FromString("x") }),
            404, "SecurityGroupNotFound", NotFoundMessage(groupId));
        await AssertFails(() => Service.UpdateGroupAsync(host.ReaderA, groupId, new GroupUpdateRequest { Name = InputValue.FromString("x") }),
            403, "PolicyNotAuthorized", "rule:update_security_group is disallowed by policy");
    }
}
