using System.Diagnostics;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Analysis;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Analysis;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.Tests.Services;
using Xunit.Abstractions;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Analysis;

/// <summary>
/// <see cref="ExposurePreviewService"/> over a real SQLite file: what a draft newly opens and newly blocks, named by the
/// ports it reaches (a rule added, an edit that narrows, a group attached to a port — which also changes what rules
/// naming that group as remote allow elsewhere —, a group deleted), nothing of another tenant, and a group of 1,000
/// ports counted, not listed (with the time it takes, written to the test output).
/// </summary>
public sealed class ExposurePreviewServiceTests(ITestOutputHelper output) : IDisposable
{
    private readonly ServiceTestHost host = new();

    private ExposurePreviewService Previews => host.Get<ExposurePreviewService>();

    public void Dispose() => host.Dispose();

    private async Task<SecurityGroup> GroupAsync(string name, Caller? caller = null) =>
        await host.NewGroupAsync(caller ?? host.MemberA, name, startEmpty: true);

    private async Task<Port> PortAsync(string name, string ip, params string[] groups) =>
        await host.Ports.CreatePortAsync(host.MemberA, new PortCreateRequest
        {
            Name = name, NetworkId = "net-1", FixedIps = [ip], SecurityGroupIds = groups,
        });

    private static AnalysisRule Ssh(string groupId, string prefix = "0.0.0.0/0", string id = "draft", int port = 22) =>
        AnalysisRule.Of(id, groupId, "ingress", "IPv4", "tcp", port, port, prefix);

    [Fact]
    public async Task Adding_a_rule_newly_opens_it_on_the_groups_ports_and_names_them()
    {
        var web = await GroupAsync("web");
        var other = await GroupAsync("other");
        foreach (var i in new[] { 1, 2, 3 })
        {
            await PortAsync($"web-{i}", $"10.1.0.{i}", web.Id);
        }
        await PortAsync("elsewhere", "10.1.1.1", other.Id);

        var changes = await Previews.PreviewAsync(host.ReaderA, new DraftChange { AddedRules = [Ssh(web.Id)] });

        var change = Assert.Single(changes);
        Assert.Equal(ExposureChangeKind.Opens, change.Kind);
        Assert.Equal("newly opens tcp/22 from 0.0.0.0/0 on 3 ports: web-1, web-2, web-3", change.Text);
        Assert.Equal(3, change.PortCount);

        // A rule the ports already allow changes nothing.
        await host.Service.CreateRuleAsync(host.MemberA, Rule(web.Id, prefix: "0.0.0.0/0"));
        Assert.Empty(await Previews.PreviewAsync(host.ReaderA, new DraftChange { AddedRules = [Ssh(web.Id, "10.0.0.0/8")] }));
    }

    [Fact]
    public async Task An_edit_that_narrows_a_rule_newly_blocks_the_rest()
    {
        var web = await GroupAsync("web");
        var rule = await host.Service.CreateRuleAsync(host.MemberA, Rule(web.Id, prefix: "0.0.0.0/0"));
        await PortAsync("web-1", "10.2.0.1", web.Id);
        await PortAsync("web-2", "10.2.0.2", web.Id);

        var changes = await Previews.PreviewAsync(host.MemberA,
            new DraftChange { ChangedRules = [Ssh(web.Id, "10.0.0.0/8", rule.Id)] });

        var change = Assert.Single(changes);
        Assert.Equal(ExposureChangeKind.Blocks, change.Kind);
        Assert.Equal("newly blocks tcp/22 from 0.0.0.0/0 except 10.0.0.0/8 on 2 ports: web-1, web-2", change.Text);

        // Widening it back is the opposite.
        var removal = await Previews.PreviewAsync(host.MemberA, new DraftChange { RemovedRuleIds = [rule.Id] });
        Assert.Equal("newly blocks tcp/22 from 0.0.0.0/0 on 2 ports: web-1, web-2", Assert.Single(removal).Text);
    }

    [Fact]
    public async Task Attaching_a_group_opens_its_rules_on_the_port_and_what_rules_naming_it_as_remote_allow_elsewhere()
    {
        var web = await GroupAsync("web");
        var db = await GroupAsync("db");
        var app = await GroupAsync("app");
        await host.Service.CreateRuleAsync(host.MemberA, Rule(web.Id, prefix: "0.0.0.0/0"));
        await host.Service.CreateRuleAsync(host.MemberA, Rule(db.Id, port: 5432, remoteGroupId: web.Id));
        var vm = await PortAsync("vm-1", "10.3.0.5", app.Id);
        await PortAsync("db-1", "10.3.1.1", db.Id);

        var changes = await Previews.PreviewAsync(host.MemberA,
            new DraftChange { AttachedGroups = [new PortGroupLink(vm.Id, web.Id)] });

        Assert.Equal(
            ["newly opens tcp/22 from 0.0.0.0/0 on 1 port: vm-1", "newly opens tcp/5432 from 10.3.0.5/32 on 1 port: db-1"],
            changes.Select(c => c.Text).Order(StringComparer.Ordinal));

        // Detaching it again blocks both.
        await host.Ports.UpdatePortAsync(host.MemberA, vm.Id, new PortUpdateRequest { SecurityGroupIds = [app.Id, web.Id] });
        var detach = await Previews.PreviewAsync(host.MemberA,
            new DraftChange { DetachedGroups = [new PortGroupLink(vm.Id, web.Id)] });
        Assert.All(detach, c => Assert.Equal(ExposureChangeKind.Blocks, c.Kind));
        Assert.Equal(2, detach.Count);
    }

    [Fact]
    public async Task Deleting_a_group_blocks_what_it_allowed_on_its_ports_and_what_rules_naming_it_allowed()
    {
        var web = await GroupAsync("web");
        var db = await GroupAsync("db");
        await host.Service.CreateRuleAsync(host.MemberA, Rule(web.Id, prefix: "0.0.0.0/0"));
        await host.Service.CreateRuleAsync(host.MemberA, Rule(db.Id, port: 5432, remoteGroupId: web.Id));
        await PortAsync("web-1", "10.4.0.1", web.Id);
        await PortAsync("db-1", "10.4.1.1", db.Id);

        var changes = await Previews.PreviewAsync(host.MemberA, new DraftChange { DeletedGroupIds = [web.Id] });

        Assert.Equal(
            ["newly blocks tcp/22 from 0.0.0.0/0 on 1 port: web-1", "newly blocks tcp/5432 from 10.4.0.1/32 on 1 port: db-1"],
            changes.Select(c => c.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Another_tenants_group_rule_or_port_is_not_found()
    {
        var web = await GroupAsync("web");
        var rule = await host.Service.CreateRuleAsync(host.MemberA, Rule(web.Id, prefix: "0.0.0.0/0"));
        var port = await PortAsync("web-1", "10.5.0.1", web.Id);
        var theirs = await GroupAsync("theirs", host.MemberB);

        await AssertFails(() => Previews.PreviewAsync(host.MemberB, new DraftChange { AddedRules = [Ssh(web.Id)] }),
            404, NeutronErrorTypes.SecurityGroupNotFound, NotFoundMessage(web.Id));
        await AssertFails(() => Previews.PreviewAsync(host.MemberB, new DraftChange { DeletedGroupIds = [web.Id] }),
            404, NeutronErrorTypes.SecurityGroupNotFound);
        await AssertFails(() => Previews.PreviewAsync(host.MemberB, new DraftChange { RemovedRuleIds = [rule.Id] }),
            404, NeutronErrorTypes.SecurityGroupRuleNotFound);
        await AssertFails(() => Previews.PreviewAsync(host.MemberB, new DraftChange { AttachedGroups = [new PortGroupLink(port.Id, theirs.Id)] }),
            404, NeutronErrorTypes.PortNotFound);
        await AssertFails(() => Previews.PreviewAsync(host.Outsider, new DraftChange { AddedRules = [Ssh(web.Id)] }),
            404, NeutronErrorTypes.SecurityGroupNotFound);

        // The Auditor reads every tenant.
        Assert.Equal("newly opens tcp/2222 from 192.168.0.0/16 on 1 port: web-1",
            Assert.Single(await Previews.PreviewAsync(host.Auditor, new DraftChange { AddedRules = [Ssh(web.Id, "192.168.0.0/16", port: 2222)] })).Text);
    }

    [Fact]
    public async Task Another_tenants_ports_reached_through_a_shared_group_are_counted_not_named()
    {
        var shared = await GroupAsync("shared", host.MemberB);
        await host.Ports.CreatePortAsync(host.MemberB, new PortCreateRequest
        {
            Name = "b-1", NetworkId = "net-1", FixedIps = ["10.6.0.1"], SecurityGroupIds = [shared.Id],
        });
        using (var db = host.NewDb())
        {
            // A's port on B's group (as a share allows), seeded directly.
            var now = DateTime.UtcNow;
            var port = new Port { TenantId = host.TenantA, Name = "a-secret", NetworkId = "net-1", CreatedAt = now, UpdatedAt = now };
            port.SecurityGroups.Add(db.SecurityGroups.Single(g => g.Id == shared.Id));
            db.Ports.Add(port);
            await db.SaveChangesAsync();
        }

        var change = Assert.Single(await Previews.PreviewAsync(host.MemberB, new DraftChange { AddedRules = [Ssh(shared.Id)] }));

        Assert.Equal("newly opens tcp/22 from 0.0.0.0/0 on 2 ports: b-1 and 1 more (1 of other tenants)", change.Text);
        Assert.Equal(["b-1"], change.PortNames);
        Assert.Equal(2, change.PortCount);
        // The CloudAdmin reads every tenant: both named.
        var all = Assert.Single(await Previews.PreviewAsync(host.CloudAdmin, new DraftChange { AddedRules = [Ssh(shared.Id)] }));
        Assert.Equal(["a-secret", "b-1"], all.PortNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_group_used_by_1000_ports_is_counted_and_five_are_named()
    {
        const int portCount = 1_000;
        var web = await GroupAsync("web");
        var rule = await host.Service.CreateRuleAsync(host.MemberA, Rule(web.Id, prefix: "10.0.0.0/8"));
        await host.Service.CreateRuleAsync(host.MemberA, Rule(web.Id, port: 8080, remoteGroupId: web.Id)); // members read as remote too
        using (var db = host.NewDb())
        {
            var group = db.SecurityGroups.Single(g => g.Id == web.Id);
            var now = DateTime.UtcNow;
            for (var i = 0; i < portCount; i++)
            {
                var port = new Port
                {
                    TenantId = host.TenantA, Name = $"web-{i:D4}", NetworkId = "net-1", RevisionNumber = 1, CreatedAt = now, UpdatedAt = now,
                };
                port.SecurityGroups.Add(group);
                port.FixedIps.Add(new PortFixedIp { PortId = port.Id, TenantId = host.TenantA, IpAddress = $"10.9.{i / 250}.{i % 250 + 1}" });
                db.Ports.Add(port);
            }
            await db.SaveChangesAsync();
        }
        var draft = new DraftChange { ChangedRules = [Ssh(web.Id, "0.0.0.0/0", rule.Id)] };

        await Previews.PreviewAsync(host.MemberA, draft); // warm up (JIT, connection pool)
        var times = new List<double>();
        IReadOnlyList<ExposurePreviewChange> changes = [];
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            changes = await Previews.PreviewAsync(host.MemberA, draft);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var change = Assert.Single(changes);
        Assert.Equal(portCount, change.PortCount);
        Assert.Equal(ExposurePreviewService.NamesShown, change.PortNames.Count);
        Assert.Matches(@"^newly opens tcp/22 from 0\.0\.0\.0/0 except 10\.0\.0\.0/8 on 1,000 ports: web-\d{4}(, web-\d{4}){4} and 995 more$", change.Text);
        output.WriteLine($"exposure preview (service, SQLite, group of {portCount:N0} ports, one rule edit): median {times.Order().ElementAt(2).ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} ms, runs {string.Join(", ", times.Select(t => t.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}");
    }
}
