using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// The template through the services the UI calls: groups (default and custom) made from it, <c>PARENT</c> becoming
/// the new group, existing groups untouched, one audit entry per template change, refused changes writing nothing.
/// </summary>
public sealed class DefaultRuleServiceTests : IDisposable
{
    private readonly ServiceTestHost host = new();

    public void Dispose() => host.Dispose();

    private static DefaultRuleInput Input(string direction, string? protocol, int? port, string? remoteGroup, bool inDefault, bool inOthers) => new()
    {
        Direction = InputValue.FromString(direction),
        Protocol = protocol is null ? InputValue.Absent : InputValue.FromString(protocol),
        PortRangeMin = port is int a ? InputValue.FromInteger(a) : InputValue.Absent,
        PortRangeMax = port is int b ? InputValue.FromInteger(b) : InputValue.Absent,
        RemoteGroupId = remoteGroup is null ? InputValue.Absent : InputValue.FromString(remoteGroup),
        UsedInDefaultSg = InputValue.FromBoolean(inDefault),
        UsedInNonDefaultSg = InputValue.FromBoolean(inOthers),
    };

    [Fact]
    public async Task Groups_made_through_the_ui_service_follow_the_template_and_existing_ones_keep_their_rules()
    {
        var existing = await host.Service.CreateGroupAsync(host.MemberA, GroupCreateRequest.FromForm("before", ""));
        Assert.Equal(2, existing.Rules.Count);

        // Drop the IPv6 egress rule for other groups; add SSH from the group itself for default groups only.
        var template = await host.DefaultRules.ListAsync(host.ReaderA);
        var egress6 = template.Single(r => r.Direction == "egress" && r.Ethertype == "IPv6");
        await host.DefaultRules.DeleteAsync(host.CloudAdmin, egress6.Id);
        await host.DefaultRules.CreateAsync(host.CloudAdmin, Input("ingress", "tcp", 22, DefaultRule.Parent, inDefault: true, inOthers: false));

        var custom = await host.Service.CreateGroupAsync(host.MemberA, GroupCreateRequest.FromForm("after", ""));
        var rule = Assert.Single(custom.Rules);
        Assert.Equal(("egress", "IPv4"), (rule.Direction, rule.Ethertype));

        var defaultGroup = (await host.Service.ListGroupsAsync(host.MemberB)).Single(g => g.Name == "default");
        Assert.Equal(4, defaultGroup.Rules.Count);
        var ssh = defaultGroup.Rules.Single(r => r.Protocol == "tcp");
        Assert.Equal(defaultGroup.Id, ssh.RemoteGroupId);
        Assert.Equal(22, ssh.PortRangeMin);
        Assert.Null(ssh.Description);

        Assert.Equal(2, (await host.Service.GetGroupAsync(host.MemberA, existing.Id)).Rules.Count);
        Assert.Equal(4, (await host.Service.ListGroupsAsync(host.MemberA)).Single(g => g.Name == "default").Rules.Count);
    }

    [Fact]
    public async Task Each_change_is_audited_and_refusals_write_nothing()
    {
        var before = host.AuditCount();
        var created = await host.DefaultRules.CreateAsync(host.CloudAdmin, Input("egress", "udp", 53, null, inDefault: false, inOthers: false));
        await host.DefaultRules.DeleteAsync(host.CloudAdmin, created.Id);
        Assert.Equal(before + 2, host.AuditCount());
        using (var db = host.NewDb())
        {
            var entries = await db.AuditEntries.Where(a => a.ResourceId == created.Id).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(["create", "delete"], entries.Select(e => e.Action));
            Assert.All(entries, e => Assert.Equal("default_security_group_rule", e.ResourceType));
        }

        var duplicate = await Assert.ThrowsAsync<NeutronException>(() => host.DefaultRules.CreateAsync(host.CloudAdmin,
            [Input("egress", "udp", 53, null, true, false), Input("egress", "17", 53, null, true, true)]));
        Assert.Equal(NeutronErrorTypes.DuplicateDefaultSgRuleInPost, duplicate.Error.Type);
        var denied = await Assert.ThrowsAsync<NeutronException>(() => host.DefaultRules.CreateAsync(host.AdminA, Input("egress", "udp", 54, null, true, true)));
        Assert.Equal("rule:create_default_security_group_rule is disallowed by policy", denied.Error.Message);
        Assert.Equal(before + 2, host.AuditCount());
        Assert.Equal(4, (await host.DefaultRules.ListAsync(host.Auditor)).Count);
    }
}
