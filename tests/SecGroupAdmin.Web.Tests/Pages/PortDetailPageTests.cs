using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Components.Pages.Ports;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Pages;

/// <summary>
/// /t/{tenant}/ports/{id} (#17): the port's facts, its effective rules grouped by direction and protocol with every line
/// traced to its rules (remote groups as their members' addresses), port security off, who may see it, and the Test
/// traffic panel (allowed by every matching rule, blocked, a wrong field shown at the field).
/// </summary>
public class PortDetailPageTests : PageTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public PortDetailPageTests() => SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit

    private SecurityGroupService Groups => Services.GetRequiredService<SecurityGroupService>();
    private PortService Ports => Services.GetRequiredService<PortService>();

    private sealed record Seeded(string Db, string Web, string Port, string Ssh, string Range, string FromWeb, string Other);

    private async Task<Seeded> SeedAsync()
    {
        var admin = await CallerAsync(Admin, Acme.Id);
        var web = await Groups.CreateGroupAsync(admin, GroupCreateRequest.FromForm("web", "", true, true) with { ProjectId = Acme.Id });
        var db = await Groups.CreateGroupAsync(admin, GroupCreateRequest.FromForm("db", "", true, true) with { ProjectId = Acme.Id });
        var ssh = await Groups.CreateRuleAsync(admin, RuleInput.FromForm(db.Id, "ingress", "IPv4", "tcp", 22, 22, "10.0.0.0/8", null, null));
        var range = await Groups.CreateRuleAsync(admin, RuleInput.FromForm(db.Id, "ingress", "IPv4", "tcp", 20, 30, null, null, null));
        var fromWeb = await Groups.CreateRuleAsync(admin, RuleInput.FromForm(db.Id, "ingress", "IPv4", "tcp", 5432, 5432, null, web.Id, null));
        await Ports.CreatePortAsync(admin, new PortCreateRequest { Name = "web-1", NetworkId = "net-a", SecurityGroupIds = [web.Id], FixedIps = ["10.1.0.5"], ProjectId = Acme.Id });
        var port = await Ports.CreatePortAsync(admin, new PortCreateRequest { Name = "db-1", NetworkId = "net-a", SecurityGroupIds = [db.Id], FixedIps = ["10.2.0.9"], ProjectId = Acme.Id });
        var otherCaller = await CallerAsync(Outsider, Other.Id);
        var other = await Ports.CreatePortAsync(otherCaller, new PortCreateRequest { Name = "their-secret-port", NetworkId = "net-z", SecurityGroupIds = [], ProjectId = Other.Id });
        return new Seeded(db.Id, web.Id, port.Id, ssh.Id, range.Id, fromWeb.Id, other.Id);
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(Role who, string portId, string tenant = "acme")
    {
        SignIn(As(who));
        var cut = RenderPage<PortDetailPage>(("TenantName", tenant), ("PortId", portId));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#effective-rules, #not-authorized").Count > 0), Wait);
        return cut;
    }

    /// <summary>The page without MudBlazor's providers (they may be rendered once per test): for the refusals.</summary>
    private IRenderedComponent<PortDetailPage> OpenBare(Role who, string portId)
    {
        SignIn(As(who));
        var cut = Render<PortDetailPage>(p => p.Add(x => x.TenantName, "acme").Add(x => x.PortId, portId));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#effective-rules, #not-authorized").Count > 0), Wait);
        return cut;
    }

    [Theory]
    [InlineData(Role.Reader)]
    [InlineData(Role.Member)]
    [InlineData(Role.Auditor)]
    public async Task The_port_and_its_effective_rules_are_shown_each_line_traced_to_its_rules(Role who)
    {
        var s = await SeedAsync();

        var cut = Open(who, s.Port);

        Assert.Equal("db-1", cut.Find("#port-title").TextContent.Trim());
        Assert.Equal(["10.2.0.9"], cut.FindAll("#port-facts .fixed-ip").Select(e => e.TextContent));
        Assert.Equal($"/t/acme/groups/{s.Db}", cut.Find("#port-facts a.port-group").GetAttribute("href"));
        Assert.Equal("on", cut.Find("#port-security").TextContent.Trim());
        var titles = cut.FindAll(".effective-section-title").Select(e => e.TextContent).ToList();
        var tcp = Assert.Single(titles, t => t.Contains("Ingress · IPv4 · tcp", StringComparison.Ordinal));
        Assert.Contains("(3)", tcp);
        var lines = cut.FindAll(".effective-line").Select(l => l.TextContent).ToList();
        Assert.Contains(lines, l => l.Contains("20-30", StringComparison.Ordinal) && l.Contains("0.0.0.0/0", StringComparison.Ordinal) && l.Contains(s.Range[..8], StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("22", StringComparison.Ordinal) && l.Contains("10.0.0.0/8", StringComparison.Ordinal) && l.Contains(s.Ssh[..8], StringComparison.Ordinal));
        // The remote group is web-1's address, traced to the rule and named by its group.
        var member = Assert.Single(lines, l => l.Contains("10.1.0.5/32", StringComparison.Ordinal));
        Assert.Contains("5432", member);
        Assert.Contains(s.FromWeb[..8], member);
        Assert.Contains("via remote group web", member);
        Assert.Contains($"href=\"/t/acme/groups/{s.Db}\"", cut.Find(".effective-source").InnerHtml);
        Assert.Empty(cut.FindAll("#port-security-off"));
    }

    [Fact]
    public async Task A_port_with_port_security_off_says_everything_is_allowed()
    {
        var admin = await CallerAsync(Admin, Acme.Id);
        var port = await Ports.CreatePortAsync(admin, new PortCreateRequest { Name = "legacy", NetworkId = "net-a", PortSecurityEnabled = false, SecurityGroupIds = [], ProjectId = Acme.Id });

        var cut = Open(Role.Member, port.Id);

        Assert.Contains("Port security off: everything is allowed", cut.Find("#port-security-off").TextContent);
        Assert.Equal("off", cut.Find("#port-security").TextContent.Trim());
        Assert.Empty(cut.FindAll(".effective-line"));
    }

    [Fact]
    public async Task Another_tenants_port_and_an_outsider_see_the_same_refusal()
    {
        var s = await SeedAsync();

        var outsider = OpenBare(Role.Outsider, s.Port);
        Assert.NotEmpty(outsider.FindAll("#not-authorized"));
        Assert.DoesNotContain("db-1", outsider.Markup);
        Assert.DoesNotContain("10.2.0.9", outsider.Markup);

        // A CloudAdmin may read every port, but the URL names acme: the other tenant's port is not acme's page.
        var foreign = OpenBare(Role.CloudAdmin, s.Other);
        Assert.NotEmpty(foreign.FindAll("#not-authorized"));
        Assert.DoesNotContain("their-secret-port", foreign.Markup);
        var unknown = OpenBare(Role.CloudAdmin, "no-such-port");
        Assert.Equal(unknown.Find("#not-authorized").TextContent, foreign.Find("#not-authorized").TextContent);
    }

    [Fact]
    public async Task A_cloud_admin_reads_the_other_tenants_port_under_its_own_tenant()
    {
        var s = await SeedAsync();

        var cut = Open(Role.CloudAdmin, s.Other, "other");

        Assert.Equal("their-secret-port", cut.Find("#port-title").TextContent.Trim());
        Assert.NotNull(cut.Find("#effective-nothing"));
    }

    [Fact]
    public async Task Test_traffic_lists_every_matching_rule_or_says_blocked_and_shows_a_wrong_field_at_the_field()
    {
        var s = await SeedAsync();
        var cut = Open(Role.Reader, s.Port);

        cut.Find("#test-traffic-port-number").Change("22");
        cut.Find("#test-traffic-remote-ip").Change("10.9.9.9");
        cut.Find("#test-traffic-run").Click();
        cut.WaitForAssertion(() => Assert.Contains("Allowed by 2 rules:", cut.Find("#test-traffic-result").TextContent), Wait);
        var links = cut.FindAll("#test-traffic-result a.test-traffic-rule");
        Assert.Equal(2, links.Count);
        Assert.All(links, a => Assert.Equal($"/t/acme/groups/{s.Db}", a.GetAttribute("href")));
        Assert.Contains(links, a => a.TextContent == "ALLOW IPv4 22/tcp from 10.0.0.0/8");
        Assert.Contains(links, a => a.TextContent == "ALLOW IPv4 20-30/tcp from 0.0.0.0/0");

        cut.Find("#test-traffic-port-number").Change("80");
        cut.Find("#test-traffic-run").Click();
        cut.WaitForAssertion(() => Assert.Contains("Blocked.", cut.Find("#test-traffic-result").TextContent), Wait);
        Assert.Contains("no rule", cut.Find("#test-traffic-result").TextContent);
        Assert.Empty(cut.FindAll("#test-traffic-result a.test-traffic-rule"));

        cut.Find("#test-traffic-port-number").Change("70000");
        cut.Find("#test-traffic-run").Click();
        cut.WaitForAssertion(() => Assert.Contains("port must be 1 to 65535.", cut.Markup), Wait);
        Assert.Empty(cut.FindAll("#test-traffic-result"));
        var field = cut.Find("#test-traffic-port-number").Closest(".mud-input-control")!;
        Assert.Contains("port must be 1 to 65535.", field.TextContent);
    }
}
