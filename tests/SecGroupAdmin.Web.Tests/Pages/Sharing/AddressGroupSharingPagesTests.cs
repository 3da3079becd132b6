using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Domain.AddressGroups;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Components.Pages.AddressGroups;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Live;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Pages.Sharing;

/// <summary>
/// Sharing of address groups in the UI over the real services and database: the Share button and dialog on the owner
/// tenant's address-groups page (per role), the receiving tenant's read-only view marked "shared by", its use of the
/// shared address group as a rule's remote, and the live refresh when a share is given or taken away ("other", whose
/// admin is the outsider, receives acme's address group "office").
/// </summary>
public sealed class AddressGroupSharingPagesTests : PageTestContext
{
    public AddressGroupSharingPagesTests() => SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit

    private AddressGroupService AddressGroups => Services.GetRequiredService<AddressGroupService>();
    private SecurityGroupService Groups => Services.GetRequiredService<SecurityGroupService>();
    private RbacPolicyService Policies => Services.GetRequiredService<RbacPolicyService>();

    private async Task<AddressGroup> NewOfficeAsync() =>
        await AddressGroups.CreateAsync(await CallerAsync(Admin, Acme.Id), new AddressGroupCreateRequest
        {
            Name = InputValue.FromString("office"),
            Addresses = AddressListInput.FromStrings(["10.0.0.0/8", "192.168.1.0/24"]),
            ProjectId = Acme.Id,
        });

    private async Task<string> ShareWithOtherAsync(string addressGroupId) =>
        (await Policies.CreateAsync(await CallerAsync(Admin, Acme.Id), new RbacPolicyCreateRequest
        {
            ObjectType = RbacObjectTypes.AddressGroup,
            ObjectId = addressGroupId,
            Action = RbacObjectTypes.AccessAsShared,
            TargetTenant = InputValue.FromString(Other.Id),
        })).Id;

    private IRenderedComponent<ContainerFragment> OpenAddressGroups(string tenant)
    {
        var cut = RenderPage<AddressGroupsPage>(("TenantName", tenant));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#address-groups-table, #not-authorized").Count > 0), TimeSpan.FromSeconds(10));
        return cut;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<ContainerFragment> cut, string name) =>
        cut.FindAll("#address-groups-table tbody tr").Single(r => r.QuerySelector(".ag-name")?.TextContent == name);

    [Theory]
    [InlineData(Role.TenantAdmin, true)]
    [InlineData(Role.CloudAdmin, true)]
    [InlineData(Role.Member, false)]
    [InlineData(Role.Reader, false)]
    [InlineData(Role.Auditor, false)]
    public async Task Only_the_owner_tenants_admins_and_cloud_admins_see_the_share_button(Role who, bool shares)
    {
        await NewOfficeAsync();
        SignIn(As(who));
        var cut = OpenAddressGroups("acme");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".ag-name")), TimeSpan.FromSeconds(10));
        Assert.Equal(shares, Row(cut, "office").QuerySelectorAll(".share-address-group").Length == 1);
        Assert.Empty(cut.FindAll(".shared-badge"));
    }

    [Fact]
    public async Task The_owner_admin_shares_an_address_group_from_its_row_and_is_told_when_the_share_in_use_cannot_go()
    {
        var office = await NewOfficeAsync();
        SignIn(Admin);
        var cut = OpenAddressGroups("acme");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".share-address-group")), TimeSpan.FromSeconds(10));
        cut.Find(".share-address-group").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#share-none")));
        Assert.Empty(cut.FindAll("#share-everyone")); // "every tenant" is a CloudAdmin's

        cut.Find("#share-project-id").Input(Other.Id);
        cut.Find("#share-add").Click();
        cut.WaitForAssertion(() => Assert.Contains("other", cut.Find("#share-list .share-target").TextContent));
        Assert.Contains("not used there", cut.Find("#share-list .share-uses").TextContent);
        await using (var db = OpenDb())
        {
            var policy = await db.RbacPolicies.SingleAsync();
            Assert.Equal((RbacObjectTypes.AddressGroup, office.Id, Other.Id, Acme.Id), (policy.ObjectType, policy.ObjectId, policy.TargetTenant, policy.TenantId));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.ResourceType == "rbac_policy" && a.TenantId == Acme.Id));
        }

        // The other tenant uses it as a rule's remote: the dialog counts the rule, and taking the share away is refused.
        var otherAdmin = await CallerAsync(Outsider, Other.Id);
        var app = await Groups.CreateGroupAsync(otherAdmin, GroupCreateRequest.FromForm("app", "", true, false) with { ProjectId = Other.Id });
        await Groups.CreateRuleAsync(otherAdmin, RuleInput.FromForm(app.Id, "ingress", "IPv4", "tcp", 22, 22, null, null, "", office.Id));
        cut.Find("#share-close").Click();
        cut.Find(".share-address-group").Click();
        cut.WaitForAssertion(() => Assert.Contains("used by 1 rule there", cut.Find("#share-list .share-uses").TextContent));
        cut.Find(".share-remove").Click();
        cut.WaitForAssertion(() => Assert.Contains("Still in use by other", cut.Find("#share-error").TextContent));
        await using (var db = OpenDb())
        {
            Assert.Single(await db.RbacPolicies.ToListAsync());
        }
    }

    [Fact]
    public async Task A_cloud_admin_shares_an_address_group_with_every_tenant_and_stops_sharing()
    {
        await NewOfficeAsync();
        SignIn(CloudAdmin);
        var cut = OpenAddressGroups("acme");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".share-address-group")), TimeSpan.FromSeconds(10));
        cut.Find(".share-address-group").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#share-everyone")));
        cut.Find("#share-everyone").Click();
        cut.WaitForAssertion(() => Assert.Contains("everyone", cut.Find("#share-list .share-target").TextContent));
        await using (var db = OpenDb())
        {
            Assert.Equal((RbacObjectTypes.AddressGroup, RbacObjectTypes.Everyone), await db.RbacPolicies.Select(p => ValueTuple.Create(p.ObjectType, p.TargetTenant)).SingleAsync());
        }
        cut.Find(".share-remove").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#share-none")));
        await using var after = OpenDb();
        Assert.Empty(await after.RbacPolicies.ToListAsync());
    }

    [Theory]
    [InlineData(Role.Outsider)] // the receiving tenant's admin
    [InlineData(Role.Reader)] // a reader of the receiving tenant (made below)
    public async Task The_receiving_tenant_sees_the_address_group_shared_by_its_owner_read_only_counting_only_its_own_rules(Role who)
    {
        var office = await NewOfficeAsync();
        await ShareWithOtherAsync(office.Id);
        // The owner uses it in a rule of its own: not the receiving tenant's to count.
        var acmeAdmin = await CallerAsync(Admin, Acme.Id);
        var web = await Groups.CreateGroupAsync(acmeAdmin, GroupCreateRequest.FromForm("web", "", true, false) with { ProjectId = Acme.Id });
        await Groups.CreateRuleAsync(acmeAdmin, RuleInput.FromForm(web.Id, "ingress", "IPv4", "tcp", 22, 22, null, null, "", office.Id));
        SignIn(who == Role.Reader ? await Db.People.PersonAsync("reader@other.test", Role.Reader, "other") : Outsider);

        var cut = OpenAddressGroups("other");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".ag-name")), TimeSpan.FromSeconds(10));
        var row = Row(cut, "office");
        Assert.Equal("shared by acme — read-only", row.QuerySelector(".shared-badge")!.TextContent.Trim());
        Assert.Contains("192.168.1.0/24", row.TextContent);
        Assert.Empty(row.QuerySelectorAll(".share-address-group, .edit-address-group, .delete-address-group"));
        Assert.Equal("unused", row.QuerySelector(".ag-use-count")!.TextContent.Trim());

        // And the service refuses the receiving tenant's changes all the same.
        var receiving = await CallerAsync(Outsider, Other.Id);
        var refused = await Assert.ThrowsAsync<Domain.Errors.NeutronException>(() => AddressGroups.DeleteAsync(receiving, office.Id));
        Assert.Equal(403, refused.Error.Status);
    }

    [Fact]
    public async Task The_receiving_tenant_picks_the_shared_address_group_as_a_rules_remote()
    {
        var office = await NewOfficeAsync();
        await ShareWithOtherAsync(office.Id);
        var otherAdmin = await CallerAsync(Outsider, Other.Id);
        var app = await Groups.CreateGroupAsync(otherAdmin, GroupCreateRequest.FromForm("app", "", true, false) with { ProjectId = Other.Id });
        SignIn(Outsider);

        var page = RenderPage<GroupDetailPage>(("TenantName", "other"), ("GroupId", app.Id));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#add-rule")), TimeSpan.FromSeconds(10));
        page.Find("#add-rule").Click();
        page.WaitForElement("#rule-save");
        page.WaitForElement("#rule-port").Input("22");
        page.FindAll("#rule-remote .mud-chip").First(c => c.TextContent.Trim().StartsWith("Address group", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.Single(page.FindComponents<MudSelect<string>>(), s => s.Instance.Label == "Address group"));
        var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Address group");
        // The choice is offered, marked with its owner.
        await page.InvokeAsync(select.Instance.OpenMenu);
        page.WaitForAssertion(() => Assert.Contains("office (2 addresses) (shared by acme)", page.Markup));
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(office.Id));
        page.WaitForAssertion(() => Assert.Equal("ALLOW IPv4 22/tcp from address group office, 2 addresses", page.Find("#rule-preview").TextContent.Trim()));
        page.Find("#rule-save").Click();

        page.WaitForAssertion(() => Assert.Contains("address group office, 2 addresses", page.Find("#rules-grid").TextContent), TimeSpan.FromSeconds(10));
        await using var db = OpenDb();
        var rule = await db.SecurityGroupRules.SingleAsync(r => r.SecurityGroupId == app.Id && r.RemoteAddressGroupId != null);
        Assert.Equal((office.Id, Other.Id), (rule.RemoteAddressGroupId, rule.TenantId));
    }

    [Fact]
    public async Task A_share_given_while_the_receiving_page_is_open_appears_and_goes_live()
    {
        var office = await NewOfficeAsync();
        SignIn(Outsider);
        var cut = OpenAddressGroups("other");
        cut.WaitForAssertion(() => Assert.Contains("No address groups yet", cut.Markup), TimeSpan.FromSeconds(10));

        var policy = await ShareWithOtherAsync(office.Id);
        await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();
        cut.WaitForAssertion(() => Assert.Contains("shared by acme", Row(cut, "office").TextContent), TimeSpan.FromSeconds(10));

        await Policies.DeleteAsync(await CallerAsync(Admin, Acme.Id), policy);
        await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".ag-name")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_owners_changes_to_a_shared_address_group_reach_the_receiving_page_live_and_unshared_ones_do_not()
    {
        var office = await NewOfficeAsync();
        var lab = await AddressGroups.CreateAsync(await CallerAsync(Admin, Acme.Id), new AddressGroupCreateRequest
        {
            Name = InputValue.FromString("lab"),
            Addresses = AddressListInput.FromStrings(["172.16.0.0/12"]),
            ProjectId = Acme.Id,
        });
        SignIn(Outsider);
        var cut = OpenAddressGroups("other");
        cut.WaitForAssertion(() => Assert.Contains("No address groups yet", cut.Markup), TimeSpan.FromSeconds(10));
        // Shared while the page is open: the receiving page follows the owner's changes from then on.
        await ShareWithOtherAsync(office.Id);
        await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();
        cut.WaitForAssertion(() => Assert.Contains("shared by acme", Row(cut, "office").TextContent), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("203.0.113.0/24", Row(cut, "office").TextContent);

        var acmeAdmin = await CallerAsync(Admin, Acme.Id);
        await AddressGroups.AddAddressesAsync(acmeAdmin, office.Id, AddressListInput.FromStrings(["203.0.113.0/24"]));
        await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();
        cut.WaitForAssertion(() => Assert.Contains("203.0.113.0/24", Row(cut, "office").TextContent), TimeSpan.FromSeconds(10));

        await AddressGroups.UpdateAsync(acmeAdmin, office.Id, new AddressGroupUpdateRequest { Name = InputValue.FromString("head-office") });
        await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();
        cut.WaitForAssertion(() => Assert.Contains("shared by acme", Row(cut, "head-office").TextContent), TimeSpan.FromSeconds(10));

        // The feed behind it hands on changes of address groups shared with the caller's tenant only.
        var heard = new List<string>();
        using (Services.GetRequiredService<SharedAddressGroupFeed>().Subscribe(await CallerAsync(Outsider, Other.Id), change =>
        {
            lock (heard)
            {
                heard.Add(change.ResourceId);
            }
            return Task.CompletedTask;
        }))
        {
            await AddressGroups.AddAddressesAsync(acmeAdmin, lab.Id, AddressListInput.FromStrings(["198.51.100.0/24"]));
            await AddressGroups.RemoveAddressesAsync(acmeAdmin, office.Id, AddressListInput.FromStrings(["203.0.113.0/24"]));
            await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();
        }
        Assert.Equal([office.Id], heard);
        Assert.DoesNotContain("lab", cut.FindAll(".ag-name").Select(e => e.TextContent));
    }

    [Fact]
    public async Task The_owner_deleting_a_shared_address_group_removes_it_from_the_receiving_page_live()
    {
        // Its policies go with it, so the receiving side cannot ask the database afterwards whether it was shared.
        var office = await NewOfficeAsync();
        var acmeAdmin = await CallerAsync(Admin, Acme.Id);
        var lab = await AddressGroups.CreateAsync(acmeAdmin, new AddressGroupCreateRequest
        {
            Name = InputValue.FromString("lab"),
            Addresses = AddressListInput.FromStrings(["172.16.0.0/12"]),
            ProjectId = Acme.Id,
        });
        await ShareWithOtherAsync(office.Id);
        SignIn(Outsider);
        var cut = OpenAddressGroups("other");
        cut.WaitForAssertion(() => Assert.Contains("shared by acme", Row(cut, "office").TextContent), TimeSpan.FromSeconds(10));

        var heard = new List<string>();
        using (Services.GetRequiredService<SharedAddressGroupFeed>().Subscribe(await CallerAsync(Outsider, Other.Id), change =>
        {
            lock (heard)
            {
                heard.Add($"{change.Action} {change.ResourceId}");
            }
            return Task.CompletedTask;
        }))
        {
            await AddressGroups.DeleteAsync(acmeAdmin, lab.Id);
            await AddressGroups.DeleteAsync(acmeAdmin, office.Id);
            await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();
        }
        // The shared one's delete is heard, the unshared one's is not.
        Assert.Equal([$"delete {office.Id}"], heard);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".ag-name")), TimeSpan.FromSeconds(10));
    }
}
