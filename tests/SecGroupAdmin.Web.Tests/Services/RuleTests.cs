using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.SecurityGroups;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>Rule create/delete against the database (neutron/db/securitygroups_db.py: _create_security_group_rule, _check_for_duplicate_rules,
/// create_security_group_rule_bulk_native, delete_security_group_rule); rows of ReferenceObservations: 26, 27, 47, 52, 58, 59, 65–67, 72, 76–79, 85–87.</summary>
public class RuleTests : IDisposable
{
    private const string Missing = "00000000-0000-0000-0000-000000000000";
    private readonly ServiceTestHost host;

    public RuleTests() : this(new ServiceTestHost())
    {
    }

    /// <summary>For the same tests on another database (see PostgreSqlServiceTests).</summary>
    protected RuleTests(ServiceTestHost host) => this.host = host;
    private SecurityGroupService Service => host.Service;

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task New_group_gets_two_egress_any_rules()
    {
        var group = await host.NewGroupAsync();

        Assert.Equal(2, group.Rules.Count);
        Assert.All(group.Rules, r =>
        {
            Assert.Equal("egress", r.Direction);
            Assert.Null(r.Protocol);
            Assert.Null(r.PortRangeMin);
            Assert.Null(r.PortRangeMax);
            Assert.Null(r.RemoteIpPrefix);
            Assert.Null(r.RemoteGroupId);
            Assert.Null(r.RemoteAddressGroupId);
            Assert.Equal(host.TenantA, r.TenantId);
        });
        Assert.Equal(["IPv4", "IPv6"], group.Rules.Select(r => r.Ethertype).Order());
        Assert.Equal(2, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task StartEmpty_group_gets_no_rules()
    {
        var group = await host.NewGroupAsync(startEmpty: true);

        Assert.Empty(group.Rules);
        Assert.Equal(0, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Created_rule_is_stored_normalised_and_owned_by_the_callers_project()
    {
        var group = await host.NewGroupAsync();

        var rule = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "TCP", 22, "10.0.0.34/24"));

        Assert.Equal("tcp", rule.Protocol);
        Assert.Equal("10.0.0.34/24", rule.RemoteIpPrefix);
        Assert.Equal("10.0.0.0/24", rule.NormalizedCidr);
        Assert.Equal(host.TenantA, rule.TenantId);
        Assert.Equal("", rule.Description);
        var stored = await Service.GetRuleAsync(host.ReaderA, rule.Id);
        Assert.Equal(rule.DuplicateKey, stored.DuplicateKey);
    }

    [Fact]
    public async Task Rules_read_by_id_come_only_from_that_group_and_only_for_callers_who_may_see_it()
    {
        var group = await host.NewGroupAsync();
        var other = await host.NewGroupAsync();
        var ssh = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22, "10.0.0.0/8"));
        var web = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 443, "10.0.0.0/8"));
        var elsewhere = await Service.CreateRuleAsync(host.MemberA, Rule(other.Id, "tcp", 22, "10.0.0.0/8"));
        string[] asked = [web.Id, ssh.Id, elsewhere.Id, Missing];

        var read = await Service.GetGroupRulesAsync(host.ReaderA, group.Id, asked);

        Assert.Equal(new[] { ssh.Id, web.Id }.Order(), read.Select(r => r.Id).Order());
        Assert.Equal(443, read.Single(r => r.Id == web.Id).PortRangeMin);
        Assert.Equal("10.0.0.0/8", read.Single(r => r.Id == web.Id).RemoteIpPrefix);
        Assert.Equal(2, (await Service.GetGroupRulesAsync(host.Auditor, group.Id, asked)).Count);
        Assert.Empty(await Service.GetGroupRulesAsync(host.MemberB, group.Id, asked));
        Assert.Empty(await Service.GetGroupRulesAsync(host.Outsider, group.Id, asked));
    }

    [Fact]
    public async Task Unknown_group_is_404()
    {
        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(Missing)), 404, "SecurityGroupNotFound", NotFoundMessage(Missing));
        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule("xyz")), 404, "SecurityGroupNotFound", NotFoundMessage("xyz"));
        await AssertFails(() => Service.CreateRuleAsync(host.CloudAdmin, Rule(Missing)), 404, "SecurityGroupNotFound", NotFoundMessage(Missing));
    }

    [Fact]
    public async Task Member_of_B_posting_into_As_group_is_404()
    {
        var group = await host.NewGroupAsync();

        await AssertFails(() => Service.CreateRuleAsync(host.MemberB, Rule(group.Id, port: 1)), 404, "SecurityGroupNotFound", NotFoundMessage(group.Id));
        Assert.Equal(2, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task B_using_As_group_as_remote_group_is_404()
    {
        var groupA = await host.NewGroupAsync();
        var groupB = await host.NewGroupAsync(host.MemberB, "b");

        await AssertFails(() => Service.CreateRuleAsync(host.MemberB, Rule(groupB.Id, remoteGroupId: groupA.Id)), 404, "SecurityGroupNotFound", NotFoundMessage(groupA.Id));
        await AssertFails(() => Service.CreateRuleAsync(host.MemberB, Rule(groupB.Id, remoteGroupId: Missing)), 404, "SecurityGroupNotFound", NotFoundMessage(Missing));
        Assert.Equal(2, host.RuleCount(groupB.Id));
    }

    [Fact]
    public async Task Remote_group_of_own_project_or_itself_is_accepted()
    {
        var web = await host.NewGroupAsync();
        var db = await host.NewGroupAsync(name: "db");

        var self = await Service.CreateRuleAsync(host.MemberA, Rule(web.Id, port: 3306, remoteGroupId: web.Id));
        var other = await Service.CreateRuleAsync(host.MemberA, Rule(db.Id, port: 3306, remoteGroupId: web.Id));

        Assert.Equal(web.Id, self.RemoteGroupId);
        Assert.Equal(web.Id, other.RemoteGroupId);
        Assert.Null(other.RemoteIpPrefix);
        Assert.Null(other.NormalizedCidr);
    }

    [Fact]
    public async Task CloudAdmin_may_use_any_tenants_group_as_remote_and_the_rule_is_owned_by_the_admins_project()
    {
        var groupA = await host.NewGroupAsync();
        var groupB = await host.NewGroupAsync(host.MemberB, "b");

        var rule = await Service.CreateRuleAsync(host.CloudAdmin, Rule(groupA.Id, port: 7100, remoteGroupId: groupB.Id));

        Assert.Equal(host.OpsTenant, rule.TenantId);
        // The owner of the group sees it (bug 1824248), B does not.
        Assert.Contains(await Service.ListRulesAsync(host.MemberA, groupA.Id), r => r.Id == rule.Id);
        await AssertFails(() => Service.GetRuleAsync(host.MemberB, rule.Id), 404, "HTTPNotFound", "The resource could not be found.");
    }

    [Fact]
    public async Task Unknown_remote_address_group_is_404()
    {
        var group = await host.NewGroupAsync();
        var input = Rule(group.Id);
        input.RemoteAddressGroupId = InputValue.FromString(Missing);

        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, input), 404, "AddressGroupNotFound", $"Address group {Missing} could not be found.");
    }

    [Fact]
    public async Task Reader_creating_a_rule_is_403()
    {
        var group = await host.NewGroupAsync();

        await AssertFails(() => Service.CreateRuleAsync(host.ReaderA, Rule(group.Id)), 403, "PolicyNotAuthorized", "rule:create_security_group_rule is disallowed by policy");
        Assert.Equal(2, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Auditor_creating_a_rule_is_403()
    {
        var group = await host.NewGroupAsync();

        await AssertFails(() => Service.CreateRuleAsync(host.Auditor, Rule(group.Id)), 403, "PolicyNotAuthorized", "rule:create_security_group_rule is disallowed by policy");
        Assert.Equal(2, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Duplicate_rule_is_409_with_the_existing_rules_id_also_with_another_description()
    {
        var group = await host.NewGroupAsync();
        var first = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22, "0.0.0.0/0"));

        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22, "0.0.0.0/0")),
            409, "SecurityGroupRuleExists", $"Security group rule already exists. Rule id is {first.Id}.");
        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22, "0.0.0.0/0", description: "other")),
            409, "SecurityGroupRuleExists", $"Security group rule already exists. Rule id is {first.Id}.");
        Assert.Equal(3, host.RuleCount(group.Id));
    }

    [Theory]
    [InlineData("tcp", "6", 22, null, null)]
    [InlineData("6", "tcp", 22, null, null)]
    [InlineData("17", "udp", 50, null, null)]
    [InlineData("tcp", "TCP", 22, null, null)]
    [InlineData("icmp", "1", 8, null, null)]
    [InlineData("tcp", "tcp", 22, null, "0.0.0.0/0")]
    [InlineData("tcp", "tcp", 22, "0.0.0.0/0", null)]
    public async Task Equivalent_rules_are_duplicates(string firstProtocol, string secondProtocol, int port, string? firstPrefix, string? secondPrefix)
    {
        var group = await host.NewGroupAsync();
        var first = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, firstProtocol, port, firstPrefix, portMax: port == 8 ? 0 : null));

        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, secondProtocol, port, secondPrefix, portMax: port == 8 ? 0 : null)),
            409, "SecurityGroupRuleExists", $"Security group rule already exists. Rule id is {first.Id}.");
    }

    [Fact]
    public async Task IPv6_icmp_legacy_names_and_any_prefix_are_duplicates()
    {
        var group = await host.NewGroupAsync();
        var icmp = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "icmp", null, ethertype: "IPv6"));
        Assert.Equal("ipv6-icmp", icmp.Protocol);

        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "ipv6-icmp", null, ethertype: "IPv6")),
            409, "SecurityGroupRuleExists", $"Security group rule already exists. Rule id is {icmp.Id}.");
        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "58", null, "::/0", ethertype: "IPv6")),
            409, "SecurityGroupRuleExists", $"Security group rule already exists. Rule id is {icmp.Id}.");
    }

    [Fact]
    public async Task Same_network_with_different_host_bits_are_different_rules()
    {
        var group = await host.NewGroupAsync();

        var a = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "udp", null, "10.1.2.3/8"));
        var b = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "udp", null, "10.0.0.0/8"));
        var c = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 80, "10.0.0.120/24"));
        var d = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 80, "10.0.0.200/24"));

        Assert.Equal("10.1.2.3/8", a.RemoteIpPrefix);
        Assert.Equal("10.0.0.0/8", a.NormalizedCidr);
        Assert.Equal("10.0.0.0/8", b.NormalizedCidr);
        Assert.Equal(c.NormalizedCidr, d.NormalizedCidr);
        Assert.Equal(6, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Same_rule_in_two_groups_is_not_a_duplicate()
    {
        var web = await host.NewGroupAsync();
        var db = await host.NewGroupAsync(name: "db");

        await Service.CreateRuleAsync(host.MemberA, Rule(web.Id));
        await Service.CreateRuleAsync(host.MemberA, Rule(db.Id));

        Assert.Equal(3, host.RuleCount(db.Id));
    }

    [Fact]
    public async Task Bulk_creates_all_rules_in_request_order()
    {
        var group = await host.NewGroupAsync();

        var created = await Service.CreateRulesAsync(host.MemberA, [Rule(group.Id, port: 7001), Rule(group.Id, port: 7002),
            Rule(group.Id, null, null, ethertype: "IPv4"), Rule(group.Id, null, null, ethertype: "IPv6")]);

        Assert.Equal([7001, 7002, null, null], created.Select(r => r.PortRangeMin));
        Assert.Equal(6, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Bulk_is_all_or_nothing_when_the_second_rule_is_invalid()
    {
        var group = await host.NewGroupAsync();
        var before = host.AuditCount();

        await AssertFails(() => Service.CreateRulesAsync(host.MemberA, [Rule(group.Id, port: 7003), Rule(group.Id, port: 9, portMax: 8)]),
            400, "SecurityGroupInvalidPortRange", "For TCP/UDP protocols, port_range_min must be <= port_range_max");

        Assert.Equal(2, host.RuleCount(group.Id));
        Assert.Equal(before, host.AuditCount());
    }

    [Fact]
    public async Task Bulk_is_all_or_nothing_when_the_second_rule_already_exists()
    {
        var group = await host.NewGroupAsync();
        var existing = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 80));
        var revision = host.Revision(group.Id);

        await AssertFails(() => Service.CreateRulesAsync(host.MemberA, [Rule(group.Id, port: 7003), Rule(group.Id, port: 80)]),
            409, "SecurityGroupRuleExists", $"Security group rule already exists. Rule id is {existing.Id}.");

        Assert.Equal(3, host.RuleCount(group.Id));
        Assert.Equal(revision, host.Revision(group.Id));
    }

    [Fact]
    public async Task Bulk_with_the_same_rule_twice_is_409_DuplicateSecurityGroupRuleInPost()
    {
        var group = await host.NewGroupAsync();

        await AssertFails(() => Service.CreateRulesAsync(host.MemberA, [Rule(group.Id, port: 80), Rule(group.Id, "6", 80)]),
            409, "DuplicateSecurityGroupRuleInPost", "Duplicate Security Group Rule in POST.");
        Assert.Equal(2, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Bulk_for_two_groups_is_400_SecurityGroupNotSingleGroupRules()
    {
        var web = await host.NewGroupAsync();
        var db = await host.NewGroupAsync(name: "db");

        await AssertFails(() => Service.CreateRulesAsync(host.MemberA, [Rule(web.Id, port: 80), Rule(db.Id, port: 80)]),
            400, "SecurityGroupNotSingleGroupRules", "Only allowed to update rules for one security profile at a time");
        Assert.Equal(2, host.RuleCount(web.Id));
        Assert.Equal(2, host.RuleCount(db.Id));
    }

    [Fact]
    public async Task For_an_admin_the_port_error_comes_before_the_404_of_a_missing_group()
    {
        await AssertFails(() => Service.CreateRuleAsync(host.CloudAdmin, Rule(Missing, "tcp", 0, "10.0.0.0/24", remoteGroupId: Missing, portMax: 80)),
            400, "SecurityGroupInvalidPortValue", "Invalid value for port 0");
    }

    [Fact]
    public async Task For_an_admin_multiple_remotes_comes_before_the_404_of_a_missing_group()
    {
        await AssertFails(() => Service.CreateRuleAsync(host.CloudAdmin, Rule(Missing, "tcp", 22, "10.0.0.0/24", remoteGroupId: Missing)),
            400, "SecurityGroupMultipleRemoteEntites", "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.");
    }

    [Fact]
    public async Task For_a_member_the_404_of_a_missing_group_comes_first()
    {
        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(Missing, "tcp", 0, "10.0.0.0/24", remoteGroupId: Missing, portMax: 80)),
            404, "SecurityGroupNotFound", NotFoundMessage(Missing));
        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(Missing, "tcp", 22, "10.0.0.0/24", remoteGroupId: Missing)),
            404, "SecurityGroupNotFound", NotFoundMessage(Missing));
    }

    [Fact]
    public async Task Semantic_errors_of_a_visible_group_are_reported_for_members()
    {
        var group = await host.NewGroupAsync();

        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22, "10.0.0.0/24", remoteGroupId: group.Id)),
            400, "SecurityGroupMultipleRemoteEntites");
        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "udp", null, "10.0.0.0/8", ethertype: "IPv6")),
            400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv6 for CIDR 10.0.0.0/8");
        Assert.Equal(2, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Group_revision_goes_up_on_rule_create_and_delete()
    {
        var group = await host.NewGroupAsync();
        var r0 = host.Revision(group.Id);

        var rule = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id));
        var r1 = host.Revision(group.Id);
        await Service.DeleteRuleAsync(host.MemberA, rule.Id);
        var r2 = host.Revision(group.Id);

        Assert.Equal(r0 + 1, r1);
        Assert.Equal(r1 + 1, r2);
    }

    [Fact]
    public async Task Delete_rule_then_again_is_404_SecurityGroupRuleNotFound()
    {
        var group = await host.NewGroupAsync();
        var rule = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "udp", 53, direction: "egress"));

        await Service.DeleteRuleAsync(host.MemberA, rule.Id);

        Assert.Equal(2, host.RuleCount(group.Id));
        await AssertFails(() => Service.DeleteRuleAsync(host.MemberA, rule.Id), 404, "SecurityGroupRuleNotFound", $"Security group rule {rule.Id} does not exist");
        await AssertFails(() => Service.GetRuleAsync(host.MemberA, rule.Id), 404, "SecurityGroupRuleNotFound", $"Security group rule {rule.Id} does not exist");
    }

    [Fact]
    public async Task Deleting_a_rule_of_another_tenant_is_404_and_reader_or_auditor_is_403()
    {
        var group = await host.NewGroupAsync();
        var rule = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id));

        // The reference answers the generic HTTPNotFound here (a missing rule is SecurityGroupRuleNotFound), as for a show.
        await AssertFails(() => Service.DeleteRuleAsync(host.MemberB, rule.Id), 404, "HTTPNotFound", "The resource could not be found.");
        await AssertFails(() => Service.DeleteRuleAsync(host.ReaderA, rule.Id), 403, "PolicyNotAuthorized", "rule:delete_security_group_rule is disallowed by policy");
        await AssertFails(() => Service.DeleteRuleAsync(host.Auditor, rule.Id), 403, "PolicyNotAuthorized", "rule:delete_security_group_rule is disallowed by policy");
        Assert.Equal(3, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Owner_may_delete_a_rule_of_the_default_group()
    {
        var def = Assert.Single(await Service.ListGroupsAsync(host.MemberA));

        await Service.DeleteRuleAsync(host.MemberA, def.Rules[0].Id);

        Assert.Equal(3, host.RuleCount(def.Id));
    }

    [Fact]
    public async Task Twenty_identical_concurrent_creates_store_one_rule_and_nineteen_get_SecurityGroupRuleExists()
    {
        var group = await host.NewGroupAsync();

        var attempts = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(async () =>
            {
                try
                {
                    return (Rule: await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 443)), Error: (Exception?)null);
                }
                catch (Exception ex)
                {
                    return (Rule: (SecurityGroupRule?)null, Error: ex);
                }
            }))
            .ToList();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Rule is not null).Rule!;
        var failures = results.Where(r => r.Error is not null).Select(r => r.Error).ToList();
        Assert.Equal(19, failures.Count);
        Assert.All(failures, ex =>
        {
            var neutron = Assert.IsType<NeutronException>(ex);
            Assert.Equal("SecurityGroupRuleExists", neutron.Error.Type);
            Assert.Equal(409, neutron.Error.Status);
            Assert.Equal($"Security group rule already exists. Rule id is {winner.Id}.", neutron.Error.Message);
        });
        Assert.Equal(3, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task A_refused_write_does_not_hold_up_the_writes_queued_after_it()
    {
        var group = await host.NewGroupAsync();
        await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 80));
        for (var i = 0; i < 3; i++)
        {
            await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 80)), 409, "SecurityGroupRuleExists");
        }

        var next = Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 81));
        Assert.Same(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Equal(81, (await next).PortRangeMin);
        Assert.Equal(4, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Concurrent_different_rules_all_land_and_the_revision_counts_each()
    {
        var group = await host.NewGroupAsync();
        var r0 = host.Revision(group.Id);

        await Task.WhenAll(Enumerable.Range(1, 10).Select(p => Task.Run(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 1000 + p)))));

        Assert.Equal(12, host.RuleCount(group.Id));
        Assert.Equal(r0 + 10, host.Revision(group.Id));
    }

    [Fact]
    public async Task Replace_swaps_the_rule_atomically_and_bumps_the_group_revision_once()
    {
        var group = await host.NewGroupAsync();
        var old = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22));
        var revision = host.Revision(group.Id);

        var replaced = await Service.ReplaceRuleAsync(host.MemberA, old.Id, Rule(group.Id, "tcp", 2222, "10.0.0.0/8"), old.RevisionNumber);

        Assert.NotEqual(old.Id, replaced.Id);
        Assert.Equal(2222, replaced.PortRangeMin);
        await AssertFails(() => Service.GetRuleAsync(host.MemberA, old.Id), 404, "SecurityGroupRuleNotFound");
        Assert.Equal(2222, (await Service.GetRuleAsync(host.MemberA, replaced.Id)).PortRangeMin);
        Assert.Equal(3, host.RuleCount(group.Id));
        Assert.Equal(revision + 1, host.Revision(group.Id));
    }

    [Fact]
    public async Task Replace_with_an_identical_rule_is_allowed()
    {
        var group = await host.NewGroupAsync();
        var old = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22));

        var replaced = await Service.ReplaceRuleAsync(host.MemberA, old.Id, Rule(group.Id, "tcp", 22, description: "ssh"));

        Assert.Equal("ssh", replaced.Description);
        Assert.Equal(3, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Replace_into_a_duplicate_of_another_rule_is_409_and_keeps_the_old_rule()
    {
        var group = await host.NewGroupAsync();
        var ssh = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22));
        var http = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 80));
        var revision = host.Revision(group.Id);
        var audits = host.AuditCount();

        await AssertFails(() => Service.ReplaceRuleAsync(host.MemberA, ssh.Id, Rule(group.Id, "6", 80)),
            409, "SecurityGroupRuleExists", $"Security group rule already exists. Rule id is {http.Id}.");

        Assert.Equal(22, (await Service.GetRuleAsync(host.MemberA, ssh.Id)).PortRangeMin);
        Assert.Equal(4, host.RuleCount(group.Id));
        Assert.Equal(revision, host.Revision(group.Id));
        Assert.Equal(audits, host.AuditCount());
    }

    [Fact]
    public async Task Replace_with_a_stale_rule_revision_is_412_and_changes_nothing()
    {
        var group = await host.NewGroupAsync();
        var ssh = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22));
        var revision = ssh.RevisionNumber;

        await AssertFails(() => Service.ReplaceRuleAsync(host.MemberA, ssh.Id, Rule(group.Id, "tcp", 23), revision + 1),
            412, "RevisionNumberConstraintFailed", $"Constrained to {revision + 1}, but current revision is {revision}");

        Assert.Equal(22, (await Service.GetRuleAsync(host.MemberA, ssh.Id)).PortRangeMin);
    }

    [Fact]
    public async Task Replace_is_not_refused_for_other_rules_of_the_group_changed_meanwhile()
    {
        var group = await host.NewGroupAsync();
        var ssh = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22));
        var groupRevision = host.Revision(group.Id);
        // Someone else adds and removes other rules: the group's revision moves, the edited rule does not.
        var other = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 8080));
        await Service.DeleteRuleAsync(host.MemberA, other.Id);
        Assert.True(host.Revision(group.Id) > groupRevision);

        var replaced = await Service.ReplaceRuleAsync(host.MemberA, ssh.Id, Rule(group.Id, "tcp", 23), ssh.RevisionNumber);

        Assert.Equal(23, replaced.PortRangeMin);
    }

    [Fact]
    public async Task Replace_of_a_rule_deleted_meanwhile_is_404_SecurityGroupRuleNotFound()
    {
        var group = await host.NewGroupAsync();
        var ssh = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22));
        await Service.DeleteRuleAsync(host.MemberA, ssh.Id);

        await AssertFails(() => Service.ReplaceRuleAsync(host.MemberA, ssh.Id, Rule(group.Id, "tcp", 23), ssh.RevisionNumber),
            404, "SecurityGroupRuleNotFound", $"Security group rule {ssh.Id} does not exist");
    }

    [Fact]
    public async Task Replace_by_another_tenant_is_404_and_by_a_reader_is_403()
    {
        var group = await host.NewGroupAsync();
        var ssh = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22));

        await AssertFails(() => Service.ReplaceRuleAsync(host.MemberB, ssh.Id, Rule(group.Id, "tcp", 23)), 404, "SecurityGroupRuleNotFound");
        await AssertFails(() => Service.ReplaceRuleAsync(host.ReaderA, ssh.Id, Rule(group.Id, "tcp", 23)), 403, "PolicyNotAuthorized");
        await AssertFails(() => Service.ReplaceRuleAsync(host.Auditor, ssh.Id, Rule(group.Id, "tcp", 23)), 403, "PolicyNotAuthorized");
        Assert.Equal(22, (await Service.GetRuleAsync(host.MemberA, ssh.Id)).PortRangeMin);
    }

    [Fact]
    public async Task Replace_with_an_invalid_rule_keeps_the_old_rule()
    {
        var group = await host.NewGroupAsync();
        var ssh = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22));

        await AssertFails(() => Service.ReplaceRuleAsync(host.MemberA, ssh.Id, Rule(group.Id, "tcp", 90, portMax: 80)), 400, "SecurityGroupInvalidPortRange");

        Assert.Equal(22, (await Service.GetRuleAsync(host.MemberA, ssh.Id)).PortRangeMin);
    }
}
