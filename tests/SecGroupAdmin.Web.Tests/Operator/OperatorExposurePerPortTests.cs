using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Components.Pages.Operator;
using SecGroupAdmin.Web.Operator;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tests.Audit;

namespace SecGroupAdmin.Web.Tests.Operator;

/// <summary>
/// The overview's exposure per port (#17): an exposed rule names the ports of its group with port security on (count and
/// first names), ports with port security off count as fully exposed, and the exposed ports list puts them first, then
/// the ports with the most exposed rules; the page shows both.
/// </summary>
public class OperatorExposurePerPortTests : AuditPageTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<(string Web1, string Web2, string Open, string Quiet)> PortsAsync()
    {
        var ports = World.Services.GetRequiredService<PortService>();
        var groups = World.Services.GetRequiredService<SecurityGroupService>();
        var memberA = await World.CallerAsync("memberA", World.Alpha);
        var quietGroup = await groups.CreateGroupAsync(memberA, GroupCreateRequest.FromForm("quiet", "", startEmpty: true));
        var web1 = await ports.CreatePortAsync(memberA, new PortCreateRequest { Name = "web-1", NetworkId = "n", SecurityGroupIds = [World.WebGroupId] });
        var web2 = await ports.CreatePortAsync(memberA, new PortCreateRequest { Name = "web-2", NetworkId = "n", SecurityGroupIds = [World.WebGroupId, quietGroup.Id] });
        // Port security off: exposed whatever its groups (none here) say.
        var open = await ports.CreatePortAsync(memberA, new PortCreateRequest { Name = "legacy", NetworkId = "n", PortSecurityEnabled = false, SecurityGroupIds = [] });
        var quiet = await ports.CreatePortAsync(memberA, new PortCreateRequest { Name = "quiet-1", NetworkId = "n", SecurityGroupIds = [quietGroup.Id] });
        return (web1.Id, web2.Id, open.Id, quiet.Id);
    }

    [Fact]
    public async Task An_exposed_rule_names_its_ports_and_port_security_off_ports_come_first()
    {
        var (web1, web2, open, quiet) = await PortsAsync();
        var auditor = await World.CallerAsync("auditor", null);

        var overview = await World.Services.GetRequiredService<OperatorOverviewQuery>().GetAsync(auditor, fresh: true);

        var ssh = overview.RiskyRules.Single(r => r.RuleId == World.SshRuleId);
        Assert.Equal(2, ssh.PortCount);
        Assert.Equal(["web-1", "web-2"], ssh.FirstPorts);
        Assert.Equal(1, overview.PortSecurityOffCount);
        Assert.Equal(2, overview.PortsOfExposedGroups);
        Assert.Equal(
            [(open, true, 0), (web1, false, 1), (web2, false, 1)],
            overview.ExposedPorts.Select(p => (p.PortId, p.PortSecurityOff, p.ExposedRules)));
        Assert.DoesNotContain(overview.ExposedPorts, p => p.PortId == quiet);
        Assert.All(overview.ExposedPorts, p => Assert.Equal("alpha", p.TenantName));

        var memberA = await World.CallerAsync("memberA", World.Alpha);
        await Assert.ThrowsAsync<NeutronException>(() => World.Services.GetRequiredService<OperatorOverviewQuery>().GetAsync(memberA, fresh: true));
    }

    [Fact]
    public async Task The_page_shows_the_ports_of_each_exposed_rule_and_the_exposed_ports_linked_to_their_page()
    {
        var (web1, _, open, _) = await PortsAsync();
        SignInAs("cloud");

        var cut = Render<OperatorPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#exposed-port-list")), Wait);

        Assert.Equal("exposes 2 ports: web-1, web-2", cut.Find("#risky-list .risky-ports").TextContent.Trim());
        var items = cut.FindAll("#exposed-port-list .exposed-port");
        Assert.Equal(3, items.Count);
        Assert.Contains("legacy", items[0].TextContent);
        Assert.Contains("port security off: everything is allowed", items[0].TextContent);
        Assert.Contains("1 exposed rule", items[1].TextContent);
        Assert.Contains($"/t/alpha/ports/{open}", cut.Markup);
        Assert.Contains($"/t/alpha/ports/{web1}", cut.Markup);
        Assert.Contains("1 port has port security off", cut.Find("#exposed-port-totals").TextContent);
    }
}
