using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Components.Pages.Ports;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Pages;

public class PortsPageTests : PageTestContext
{
    public PortsPageTests() => SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit

    private SecurityGroupService Groups => Services.GetRequiredService<SecurityGroupService>();
    private PortService Ports => Services.GetRequiredService<PortService>();

    private async Task<(string Stateful, string Stateless, string PortId)> SeedAsync()
    {
        var admin = await CallerAsync(Admin, Acme.Id);
        var web = await Groups.CreateGroupAsync(admin, GroupCreateRequest.FromForm("web", "", true, false) with { ProjectId = Acme.Id });
        var raw = await Groups.CreateGroupAsync(admin, GroupCreateRequest.FromForm("raw", "", false, false) with { ProjectId = Acme.Id });
        var port = await Ports.CreatePortAsync(admin, new PortCreateRequest { Name = "vm-1", NetworkId = "net-a", SecurityGroupIds = [web.Id], ProjectId = Acme.Id });
        return (web.Id, raw.Id, port.Id);
    }

    private Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(Role who)
    {
        SignIn(As(who));
        var cut = RenderPage<PortsPage>(("TenantName", "acme"));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#ports-table, #not-authorized").Count > 0), TimeSpan.FromSeconds(5));
        return cut;
    }

    [Theory]
    [InlineData(Role.TenantAdmin, true)]
    [InlineData(Role.Member, true)]
    [InlineData(Role.CloudAdmin, true)]
    [InlineData(Role.Reader, false)]
    [InlineData(Role.Auditor, false)]
    public async Task Ports_are_listed_with_group_chips_and_write_controls_only_for_writers(Role who, bool writes)
    {
        var seeded = await SeedAsync();
        var cut = Open(who);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".port-name")));
        Assert.Equal("vm-1", cut.Find(".port-name").TextContent);
        var chip = cut.Find(".group-chip");
        Assert.Contains("web", chip.TextContent);
        Assert.Contains($"/t/acme/groups/{seeded.Stateful}", cut.Markup);
        Assert.Equal(writes, cut.FindAll("#create-port").Count == 1);
        Assert.Equal(writes ? 1 : 0, cut.FindAll(".edit-port-groups").Count);
        Assert.Equal(writes ? 1 : 0, cut.FindAll(".delete-port").Count);
    }

    [Fact]
    public void An_outsider_sees_not_authorized_and_an_empty_tenant_shows_the_empty_state()
    {
        var outsider = Open(Role.Outsider);
        Assert.Single(outsider.FindAll("#not-authorized"));
    }

    [Fact]
    public void A_tenant_without_ports_shows_the_empty_state()
    {
        var cut = Open(Role.Member);
        cut.WaitForAssertion(() => Assert.Contains("No ports yet", cut.Markup));
    }

    [Fact]
    public async Task Member_creates_a_port_and_it_gets_the_default_group()
    {
        var cut = Open(Role.Member);
        cut.Find("#create-port").Click();
        cut.WaitForAssertion(() => cut.Find("#port-network"));
        cut.Find("#port-name").Input("db-1");
        cut.Find("#port-network").Input("net-b");
        cut.Find("#port-save").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".port-name")), TimeSpan.FromSeconds(5));
        await using var db = OpenDb();
        var port = await db.Ports.Include(p => p.SecurityGroups).SingleAsync();
        Assert.Equal(("db-1", "net-b", Acme.Id), (port.Name, port.NetworkId, port.TenantId));
        Assert.Equal("default", Assert.Single(port.SecurityGroups).Name);
        var audit = await db.AuditEntries.SingleAsync(a => a.ResourceType == "port");
        Assert.Equal(("create", "UI", Member.Id), (audit.Action, audit.Source, audit.ActorUserId));
    }

    [Fact]
    public async Task The_fixed_ips_field_says_what_is_wrong_as_you_type_and_a_port_is_created_with_its_addresses()
    {
        var cut = Open(Role.Member);
        cut.Find("#create-port").Click();
        cut.WaitForAssertion(() => cut.Find("#port-fixed-ips"));
        cut.Find("#port-network").Input("net-b");

        cut.Find("#port-fixed-ips").Input("10.0.0.5, 10.0.0.0/24");
        cut.WaitForAssertion(() => Assert.Contains("“10.0.0.0/24” is not an IP address", cut.Markup));
        Assert.True(cut.Find("#port-save").HasAttribute("disabled"));
        cut.Find("#port-fixed-ips").Input("10.0.0.5 10.0.0.5");
        cut.WaitForAssertion(() => Assert.Contains("10.0.0.5 is listed twice.", cut.Markup));
        cut.Find("#port-fixed-ips").Input("10.0.0.5, 2001:DB8::5");
        cut.WaitForAssertion(() => Assert.False(cut.Find("#port-save").HasAttribute("disabled")));
        Assert.DoesNotContain("is not an IP address", cut.Markup);
        cut.Find("#port-save").Click();

        cut.WaitForAssertion(() => Assert.Equal(["10.0.0.5", "2001:db8::5"], cut.FindAll(".fixed-ip").Select(e => e.TextContent)), TimeSpan.FromSeconds(5));
        await using var db = OpenDb();
        var port = await db.Ports.Include(p => p.FixedIps).SingleAsync();
        Assert.Equal(["10.0.0.5", "2001:db8::5"], port.FixedIps.OrderBy(f => f.Position).Select(f => f.IpAddress));
    }

    [Fact]
    public async Task An_address_in_use_shows_under_the_field_and_changes_nothing()
    {
        var admin = await CallerAsync(Admin, Acme.Id);
        await Ports.CreatePortAsync(admin, new PortCreateRequest { Name = "vm-1", NetworkId = "net-a", FixedIps = ["10.0.0.5"], ProjectId = Acme.Id });
        var other = await Ports.CreatePortAsync(admin, new PortCreateRequest { Name = "vm-2", NetworkId = "net-a", FixedIps = ["10.0.0.6"], ProjectId = Acme.Id });
        var cut = Open(Role.Member);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".edit-port-groups").Count));
        cut.FindAll(".edit-port-groups")[1].Click();
        cut.WaitForAssertion(() => Assert.Equal("10.0.0.6", cut.Find("#port-fixed-ips").GetAttribute("value")));

        cut.Find("#port-fixed-ips").Input("10.0.0.5");
        cut.Find("#port-save").Click();

        cut.WaitForAssertion(() => Assert.Contains("The IP address 10.0.0.5 is in use.", cut.Markup), TimeSpan.FromSeconds(5));
        await using var db = OpenDb();
        var stored = await db.Ports.Include(p => p.FixedIps).SingleAsync(p => p.Id == other.Id);
        Assert.Equal("10.0.0.6", Assert.Single(stored.FixedIps).IpAddress);
    }

    [Fact]
    public async Task The_list_shows_each_ports_addresses_and_search_finds_a_port_by_one()
    {
        var admin = await CallerAsync(Admin, Acme.Id);
        await Ports.CreatePortAsync(admin, new PortCreateRequest { Name = "vm-1", NetworkId = "net-a", FixedIps = ["10.0.0.5", "10.0.0.7"], ProjectId = Acme.Id });
        await Ports.CreatePortAsync(admin, new PortCreateRequest { Name = "vm-2", NetworkId = "net-a", ProjectId = Acme.Id });
        var cut = Open(Role.Reader);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".port-name").Count));
        Assert.Equal(["10.0.0.5", "10.0.0.7"], cut.FindAll(".fixed-ip").Select(e => e.TextContent));

        cut.Find("#port-search").Input("10.0.0.7");

        cut.WaitForAssertion(() => Assert.Equal(["vm-1"], cut.FindAll(".port-name").Select(e => e.TextContent)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Create_port_dialog_requires_a_network_and_a_short_name()
    {
        var cut = Open(Role.Member);
        cut.Find("#create-port").Click();
        cut.WaitForAssertion(() => cut.Find("#port-network"));
        cut.Find("#port-save").Click();
        cut.WaitForAssertion(() => Assert.Contains("Enter the network the port is on.", cut.Markup));
        cut.Find("#port-name").Input(new string('x', 256));
        cut.WaitForAssertion(() => Assert.Contains("A name has at most 255 characters", cut.Markup));
        await using var db = OpenDb();
        Assert.Equal(0, await db.Ports.CountAsync());
    }

    [Fact]
    public async Task Mixing_stateful_and_stateless_groups_shows_the_services_reason_inline_and_changes_nothing()
    {
        var seeded = await SeedAsync();
        var cut = Open(Role.Member);
        cut.WaitForAssertion(() => cut.Find(".edit-port-groups"));
        cut.Find(".edit-port-groups").Click();
        cut.WaitForAssertion(() => cut.FindComponent<MudSelect<string>>());
        var select = cut.FindComponent<MudSelect<string>>();
        await cut.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(new HashSet<string> { seeded.Stateful, seeded.Stateless }));
        cut.Find("#port-save").Click();

        cut.WaitForAssertion(() => Assert.Contains("Cannot apply both stateful and stateless security groups on the same port", cut.Markup), TimeSpan.FromSeconds(5));
        await using var db = OpenDb();
        var port = await db.Ports.Include(p => p.SecurityGroups).SingleAsync();
        Assert.Equal(seeded.Stateful, Assert.Single(port.SecurityGroups).Id);
    }

    [Fact]
    public async Task Member_attaches_and_detaches_groups()
    {
        var seeded = await SeedAsync();
        var cut = Open(Role.Member);
        cut.WaitForAssertion(() => cut.Find(".edit-port-groups"));
        cut.Find(".edit-port-groups").Click();
        cut.WaitForAssertion(() => cut.FindComponent<MudSelect<string>>());
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.SelectedValuesChanged.InvokeAsync(new HashSet<string> { seeded.Stateless }));
        cut.Find("#port-save").Click();

        cut.WaitForAssertion(() => Assert.Contains("raw", cut.Find(".group-chip").TextContent), TimeSpan.FromSeconds(5));
        await using var db = OpenDb();
        var port = await db.Ports.Include(p => p.SecurityGroups).SingleAsync();
        Assert.Equal(seeded.Stateless, Assert.Single(port.SecurityGroups).Id);
        Assert.Single(db.AuditEntries.Where(a => a.ResourceType == "port" && a.Action == "update"));
    }

    [Fact]
    public async Task Member_deletes_a_port_after_confirming()
    {
        await SeedAsync();
        var cut = Open(Role.Member);
        cut.WaitForAssertion(() => cut.Find(".delete-port"));
        cut.Find(".delete-port").Click();
        cut.WaitForAssertion(() => cut.Find("#confirm-cancel"));
        cut.Find("#confirm-cancel").Click();
        await using (var db = OpenDb())
        {
            Assert.Equal(1, await db.Ports.CountAsync());
        }
        cut.Find(".delete-port").Click();
        cut.WaitForAssertion(() => cut.Find("#confirm-ok"));
        cut.Find("#confirm-ok").Click();
        cut.WaitForAssertion(() => Assert.Contains("No ports yet", cut.Markup), TimeSpan.FromSeconds(5));
        await using var after = OpenDb();
        Assert.Equal(0, await after.Ports.CountAsync());
    }

    [Fact]
    public async Task A_reader_cannot_delete_even_by_calling_the_service()
    {
        var seeded = await SeedAsync();
        var reader = await CallerAsync(Reader, Acme.Id);
        var refused = await Assert.ThrowsAsync<NeutronException>(() => Ports.DeletePortAsync(reader, seeded.PortId));
        Assert.Equal("PolicyNotAuthorized", refused.Error.Type);
    }
}
