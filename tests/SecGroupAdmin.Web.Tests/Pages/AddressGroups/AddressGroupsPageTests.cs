using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Domain.AddressGroups;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Components.Pages.AddressGroups;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Pages.AddressGroups;

/// <summary>
/// The address-groups page per role over the real services and a migrated SQLite database: the list with use counts,
/// the create/edit dialog checking addresses as typed (the Domain's AddressValidator, the stored form shown), "where
/// used", a delete refused while a rule uses the group, and the live refresh.
/// </summary>
public class AddressGroupsPageTests : PageTestContext
{
    private AddressGroupService AddressGroups => Services.GetRequiredService<AddressGroupService>();
    private SecurityGroupService Groups => Services.GetRequiredService<SecurityGroupService>();

    private async Task<AddressGroup> NewAddressGroupAsync(string name, params string[] addresses)
    {
        var admin = await CallerAsync(Admin, Acme.Id);
        return await AddressGroups.CreateAsync(admin, new AddressGroupCreateRequest
        {
            Name = InputValue.FromString(name),
            Addresses = AddressListInput.FromStrings(addresses),
            ProjectId = Acme.Id,
        });
    }

    /// <summary>A group "web" with a rule from the address group; returns the group's id.</summary>
    private async Task<string> UseInRuleAsync(string addressGroupId)
    {
        var admin = await CallerAsync(Admin, Acme.Id);
        var web = await Groups.CreateGroupAsync(admin, GroupCreateRequest.FromForm("web", "", true, false) with { ProjectId = Acme.Id });
        await Groups.CreateRuleAsync(admin, RuleInput.FromForm(web.Id, "ingress", "IPv4", "tcp", 22, 22, null, null, "", addressGroupId));
        return web.Id;
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(Role who)
    {
        SignIn(As(who));
        var cut = RenderPage<AddressGroupsPage>(("TenantName", "acme"));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#address-groups-table, #not-authorized").Count > 0), TimeSpan.FromSeconds(10));
        return cut;
    }

    [Theory]
    [InlineData(Role.TenantAdmin, true)]
    [InlineData(Role.Member, true)]
    [InlineData(Role.CloudAdmin, true)]
    [InlineData(Role.Reader, false)]
    [InlineData(Role.Auditor, false)]
    public async Task Address_groups_are_listed_with_addresses_and_use_counts_and_write_controls_only_for_writers(Role who, bool writes)
    {
        var office = await NewAddressGroupAsync("office", "10.0.0.0/8", "192.168.1.0/24");
        await NewAddressGroupAsync("lab", "2001:db8::/32");
        await UseInRuleAsync(office.Id);

        var cut = Open(who);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".ag-name").Count), TimeSpan.FromSeconds(10));
        Assert.Equal(["lab", "office"], cut.FindAll(".ag-name").Select(e => e.TextContent));
        Assert.Equal(["unused", "1 rule"], cut.FindAll(".ag-use-count").Select(e => e.TextContent.Trim()));
        Assert.Contains("192.168.1.0/24", cut.Markup);
        Assert.Equal(writes, cut.FindAll("#create-address-group").Count == 1);
        Assert.Equal(writes ? 2 : 0, cut.FindAll(".edit-address-group").Count);
        Assert.Equal(writes ? 2 : 0, cut.FindAll(".delete-address-group").Count);
        Assert.Equal(!writes, cut.Find("#page-title").ParentElement!.TextContent.Contains("read-only"));
    }

    [Fact]
    public void An_outsider_sees_not_authorized()
    {
        var outsider = Open(Role.Outsider);
        Assert.Single(outsider.FindAll("#not-authorized"));
        Assert.Empty(outsider.FindAll("#address-groups-table"));
    }

    [Fact]
    public void A_tenant_without_address_groups_shows_the_empty_state()
    {
        var member = Open(Role.Member);
        member.WaitForAssertion(() => Assert.Contains("No address groups yet", member.Markup), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Create_checks_each_address_as_typed_shows_the_stored_form_and_stores_it()
    {
        var cut = Open(Role.Member);
        cut.Find("#create-address-group").Click();
        cut.WaitForAssertion(() => cut.Find("#ag-addresses"));
        cut.Find("#ag-name").Input("office");
        cut.Find("#ag-addresses").Input("10.1.2.3/16\n192.168.1.5\nnot-an-address");

        cut.WaitForAssertion(() => Assert.Contains("“not-an-address” is not an IP address or network", cut.Markup));
        Assert.True(cut.Find("#ag-save").HasAttribute("disabled"));
        Assert.Contains("10.1.2.3/16 → 10.1.0.0/16", cut.Find("#ag-address-preview").TextContent);
        Assert.Contains("192.168.1.5 → 192.168.1.5/32", cut.Find("#ag-address-preview").TextContent);
        Assert.Single(cut.FindAll("#ag-host-bits-note"));

        cut.Find("#ag-addresses").Input("10.1.2.3/16\n192.168.1.5\n2001:DB8::1/32\n10.1.0.0/16");
        cut.WaitForAssertion(() => Assert.False(cut.Find("#ag-save").HasAttribute("disabled")));
        Assert.Contains("10.1.0.0/16 (again)", cut.Find("#ag-address-preview").TextContent);
        cut.Find("#ag-save").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".ag-name")), TimeSpan.FromSeconds(10));
        await using var db = OpenDb();
        var group = await db.AddressGroups.Include(g => g.Addresses).SingleAsync();
        Assert.Equal(("office", Acme.Id), (group.Name, group.TenantId));
        Assert.Equal(["10.1.0.0/16", "192.168.1.5/32", "2001:db8::/32"], group.Addresses.OrderBy(a => a.Position).Select(a => a.Address));
        var audit = await db.AuditEntries.SingleAsync(a => a.ResourceType == "address_group");
        Assert.Equal(("create", "UI", Member.Id), (audit.Action, audit.Source, audit.ActorUserId));
    }

    [Fact]
    public async Task The_name_is_checked_as_the_API_checks_it()
    {
        var cut = Open(Role.Member);
        cut.Find("#create-address-group").Click();
        cut.WaitForAssertion(() => cut.Find("#ag-name"));
        cut.Find("#ag-name").Input("bad\u202Ename");
        cut.WaitForAssertion(() => Assert.Contains("name cannot contain control or bidirectional formatting characters", cut.Markup));
        Assert.True(cut.Find("#ag-save").HasAttribute("disabled"));
        await using var db = OpenDb();
        Assert.Equal(0, await db.AddressGroups.CountAsync());
    }

    [Fact]
    public async Task Edit_renames_and_adds_and_removes_addresses()
    {
        var office = await NewAddressGroupAsync("office", "10.0.0.0/8", "192.168.1.0/24");
        var cut = Open(Role.Member);
        cut.WaitForAssertion(() => cut.Find(".edit-address-group"), TimeSpan.FromSeconds(10));
        cut.Find(".edit-address-group").Click();
        cut.WaitForAssertion(() => Assert.Equal("office", cut.Find("#ag-name").GetAttribute("value")));
        cut.Find("#ag-name").Input("hq");
        cut.Find("#ag-addresses").Input("10.0.0.0/8\n172.16.0.0/12");
        cut.Find("#ag-save").Click();

        cut.WaitForAssertion(() => Assert.Equal("hq", cut.Find(".ag-name").TextContent), TimeSpan.FromSeconds(10));
        await using var db = OpenDb();
        var group = await db.AddressGroups.Include(g => g.Addresses).SingleAsync(g => g.Id == office.Id);
        Assert.Equal(["10.0.0.0/8", "172.16.0.0/12"], group.Addresses.OrderBy(a => a.Position).Select(a => a.Address));
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.ResourceType == "address_group" && a.Action == "update"));
    }

    [Fact]
    public async Task Where_used_lists_the_rules_with_links_to_their_groups()
    {
        var office = await NewAddressGroupAsync("office", "10.0.0.0/8", "192.168.1.0/24", "172.16.0.0/12");
        var webId = await UseInRuleAsync(office.Id);
        var cut = Open(Role.Reader);
        cut.WaitForAssertion(() => Assert.Equal("1 rule", cut.Find("button.ag-use-count").TextContent.Trim()), TimeSpan.FromSeconds(10));
        cut.Find("button.ag-use-count").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".ag-use")), TimeSpan.FromSeconds(10));
        Assert.Equal($"/t/acme/groups/{webId}", cut.Find(".ag-use-group").GetAttribute("href"));
        Assert.Equal("web", cut.Find(".ag-use-group").TextContent);
        Assert.Contains("ALLOW IPv4 22/tcp from address group office, 3 addresses", cut.Find(".ag-use").TextContent);
    }

    [Fact]
    public async Task Delete_is_refused_while_a_rule_uses_it_with_the_reason_and_works_once_unused()
    {
        var office = await NewAddressGroupAsync("office", "10.0.0.0/8");
        await UseInRuleAsync(office.Id);
        await NewAddressGroupAsync("spare");
        var cut = Open(Role.Member);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".delete-address-group").Count), TimeSpan.FromSeconds(10));

        cut.FindAll(".delete-address-group")[0].Click(); // office (by name: office, spare)
        cut.WaitForAssertion(() => cut.Find("#confirm-ok"));
        cut.Find("#confirm-ok").Click();
        cut.WaitForAssertion(() => Assert.Contains("office was not deleted: 1 rule uses it as the remote", cut.Find("#ag-delete-refused").TextContent), TimeSpan.FromSeconds(10));
        await using (var db = OpenDb())
        {
            Assert.Equal(2, await db.AddressGroups.CountAsync());
        }

        cut.FindAll(".delete-address-group")[1].Click(); // spare
        cut.WaitForAssertion(() => cut.Find("#confirm-ok"));
        cut.Find("#confirm-ok").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".ag-name")), TimeSpan.FromSeconds(10));
        await using var after = OpenDb();
        Assert.Equal("office", (await after.AddressGroups.SingleAsync()).Name);
    }

    [Fact]
    public async Task The_page_refreshes_when_someone_else_changes_an_address_group()
    {
        var cut = Open(Role.Reader);
        cut.WaitForAssertion(() => Assert.Contains("No address groups yet", cut.Markup), TimeSpan.FromSeconds(10));
        var office = await NewAddressGroupAsync("office", "10.0.0.0/8");
        cut.WaitForAssertion(() => Assert.Equal("office", cut.Find(".ag-name").TextContent), TimeSpan.FromSeconds(10));

        var admin = await CallerAsync(Admin, Acme.Id);
        await AddressGroups.AddAddressesAsync(admin, office.Id, AddressListInput.FromStrings(["192.0.2.0/24"]));
        cut.WaitForAssertion(() => Assert.Contains("192.0.2.0/24", cut.Markup), TimeSpan.FromSeconds(10));
        await UseInRuleAsync(office.Id);
        cut.WaitForAssertion(() => Assert.Equal("1 rule", cut.Find("button.ag-use-count").TextContent.Trim()), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Readers_cannot_write_even_by_calling_the_service()
    {
        var office = await NewAddressGroupAsync("office", "10.0.0.0/8");
        var reader = await CallerAsync(Reader, Acme.Id);
        var refused = await Assert.ThrowsAsync<Domain.Errors.NeutronException>(() => AddressGroups.DeleteAsync(reader, office.Id));
        Assert.Equal("PolicyNotAuthorized", refused.Error.Type);
    }
}
