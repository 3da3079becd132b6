using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Live;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Pages.Sharing;

/// <summary>
/// Sharing in the UI over the real services and database: the Share button and dialog on the owner tenant's group page
/// (per role), and the receiving tenant's read-only view of a shared group in its list and on the group page ("other",
/// whose admin is the outsider, receives acme's group "web").
/// </summary>
public sealed class SharingPagesTests : PageTestContext
{
    public SharingPagesTests() => SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit

    private SecurityGroupService Groups => Services.GetRequiredService<SecurityGroupService>();
    private RbacPolicyService Policies => Services.GetRequiredService<RbacPolicyService>();

    private async Task<string> NewWebGroupAsync()
    {
        var admin = await CallerAsync(Admin, Acme.Id);
        var web = await Groups.CreateGroupAsync(admin, GroupCreateRequest.FromForm("web", "the web tier", true, false) with { ProjectId = Acme.Id });
        return web.Id;
    }

    private async Task<string> ShareWithOtherAsync(string groupId) =>
        (await Policies.CreateAsync(await CallerAsync(Admin, Acme.Id), new RbacPolicyCreateRequest
        {
            ObjectType = RbacObjectTypes.SecurityGroup,
            ObjectId = groupId,
            Action = RbacObjectTypes.AccessAsShared,
            TargetTenant = InputValue.FromString(Other.Id),
        })).Id;

    private IRenderedComponent<ContainerFragment> OpenGroup(string tenant, string groupId)
    {
        var cut = RenderPage<GroupDetailPage>(("TenantName", tenant), ("GroupId", groupId));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#group-title, #not-authorized").Count > 0), TimeSpan.FromSeconds(5));
        return cut;
    }

    private IRenderedComponent<ContainerFragment> OpenGroups(string tenant)
    {
        var cut = RenderPage<GroupsPage>(("TenantName", tenant));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll(".group-link, #not-authorized").Count > 0), TimeSpan.FromSeconds(5));
        return cut;
    }

    [Theory]
    [InlineData(Role.TenantAdmin, true)]
    [InlineData(Role.CloudAdmin, true)]
    [InlineData(Role.Member, false)]
    [InlineData(Role.Reader, false)]
    [InlineData(Role.Auditor, false)]
    public async Task Only_the_owner_tenants_admins_and_cloud_admins_see_the_share_button(Role who, bool shares)
    {
        var web = await NewWebGroupAsync();
        SignIn(As(who));
        var cut = OpenGroup("acme", web);
        Assert.Equal("web", cut.Find("#group-title").TextContent.Trim());
        Assert.Equal(shares, cut.FindAll("#share-group").Count == 1);
        Assert.Empty(cut.FindAll("#shared-notice"));
    }

    [Fact]
    public async Task The_owner_admin_shares_by_project_id_sees_the_use_and_is_told_when_a_share_in_use_cannot_go()
    {
        var web = await NewWebGroupAsync();
        SignIn(Admin);
        var cut = OpenGroup("acme", web);
        cut.Find("#share-group").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#share-none")));
        Assert.Empty(cut.FindAll("#share-everyone")); // "every tenant" is a CloudAdmin's

        // A project id that is no project: a field error, nothing written.
        cut.Find("#share-project-id").Input("no-such-project");
        cut.Find("#share-add").Click();
        cut.WaitForAssertion(() => Assert.Contains("No project has the id “no-such-project”.", cut.Markup));
        await using (var db = OpenDb())
        {
            Assert.Empty(await db.RbacPolicies.ToListAsync());
        }

        cut.Find("#share-project-id").Input(Other.Id);
        cut.Find("#share-add").Click();
        cut.WaitForAssertion(() => Assert.Contains("other", cut.Find("#share-list .share-target").TextContent));
        Assert.Contains("not used there", cut.Find("#share-list .share-uses").TextContent);

        // The other tenant puts the group on a port: the dialog counts it, and taking the share away is refused.
        var otherAdmin = await CallerAsync(Outsider, Other.Id);
        await Services.GetRequiredService<PortService>().CreatePortAsync(otherAdmin, new PortCreateRequest { Name = "vm", NetworkId = "net", SecurityGroupIds = [web], ProjectId = Other.Id });
        cut.Find("#share-close").Click();
        cut.Find("#share-group").Click();
        cut.WaitForAssertion(() => Assert.Contains("used by 1 port there", cut.Find("#share-list .share-uses").TextContent));
        cut.Find(".share-remove").Click();
        cut.WaitForAssertion(() => Assert.Contains("Still in use by other", cut.Find("#share-error").TextContent));
        Assert.Contains("cannot be removed because other objects depend on it", cut.Find("#share-error").TextContent);
        await using (var db = OpenDb())
        {
            Assert.Single(await db.RbacPolicies.ToListAsync());
        }
    }

    [Fact]
    public async Task A_cloud_admin_may_share_with_every_tenant_and_stop_sharing()
    {
        var web = await NewWebGroupAsync();
        SignIn(CloudAdmin);
        var cut = OpenGroup("acme", web);
        cut.Find("#share-group").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#share-everyone")));
        cut.Find("#share-everyone").Click();
        cut.WaitForAssertion(() => Assert.Contains("everyone", cut.Find("#share-list .share-target").TextContent));
        cut.Find(".share-remove").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#share-none")));
        await using var db = OpenDb();
        Assert.Empty(await db.RbacPolicies.ToListAsync());
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.ResourceType == "rbac_policy" && a.TenantId == Acme.Id));
    }

    [Fact]
    public async Task The_receiving_tenants_list_shows_the_group_shared_by_its_owner_without_write_buttons()
    {
        var web = await NewWebGroupAsync();
        await ShareWithOtherAsync(web);
        SignIn(Outsider); // admin of "other"

        var list = OpenGroups("other");
        list.WaitForAssertion(() => Assert.Contains("shared by acme", list.Markup));
        var row = list.FindAll("#groups-table tbody tr").Single(r => r.TextContent.Contains("web", StringComparison.Ordinal) && r.TextContent.Contains("shared by acme", StringComparison.Ordinal));
        Assert.Empty(row.QuerySelectorAll(".edit-group, .delete-group"));
        Assert.Contains($"/t/other/groups/{web}", row.InnerHtml);
    }

    [Theory]
    [InlineData(Role.Outsider)] // the receiving tenant's admin
    [InlineData(Role.Reader)] // a reader of the receiving tenant (made below)
    public async Task The_receiving_tenant_opens_the_shared_group_read_only(Role who)
    {
        var web = await NewWebGroupAsync();
        await ShareWithOtherAsync(web);
        SignIn(who == Role.Reader ? await Db.People.PersonAsync("reader@other.test", Role.Reader, "other") : Outsider);

        var page = OpenGroup("other", web);
        page.WaitForAssertion(() => Assert.Contains("Shared by acme — read-only", page.Find("#shared-notice").TextContent));
        Assert.Empty(page.FindAll("#add-rule, #edit-group, #share-group, .edit-rule, .delete-rule"));
    }

    [Fact]
    public async Task A_member_of_the_owner_tenant_edits_the_shared_group_without_the_notice_or_the_share_button()
    {
        var web = await NewWebGroupAsync();
        await ShareWithOtherAsync(web);
        SignIn(Member);
        var owner = OpenGroup("acme", web);
        owner.WaitForAssertion(() => Assert.Single(owner.FindAll("#add-rule")));
        Assert.Empty(owner.FindAll("#shared-notice, #share-group"));
    }

    [Fact]
    public async Task A_share_given_while_the_receiving_list_is_open_appears_and_goes_live()
    {
        var web = await NewWebGroupAsync();
        SignIn(Outsider);
        var list = OpenGroups("other");
        Assert.DoesNotContain("shared by acme", list.Markup);

        var policy = await ShareWithOtherAsync(web);
        await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();
        list.WaitForAssertion(() => Assert.Contains("shared by acme", list.Markup), TimeSpan.FromSeconds(5));

        await Policies.DeleteAsync(await CallerAsync(Admin, Acme.Id), policy);
        await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();
        list.WaitForAssertion(() => Assert.DoesNotContain("shared by acme", list.Markup), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_rule_the_owner_adds_reaches_the_receiving_tenants_open_group_page()
    {
        var web = await NewWebGroupAsync();
        await ShareWithOtherAsync(web);
        SignIn(Outsider);
        var page = OpenGroup("other", web);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#shared-notice")));
        page.WaitForAssertion(() => Assert.Contains("No ingress rules", page.Markup), TimeSpan.FromSeconds(5)); // the shared group's rules are read
        var feed = Services.GetRequiredService<ChangeFeed>();
        // The tenant's changes (the page, and its "Where used" panel) and the shared group's.
        page.WaitForAssertion(() => Assert.Equal(3, feed.SubscriberCount));
        Assert.DoesNotContain("8443/tcp", page.Markup);

        await Groups.CreateRuleAsync(await CallerAsync(Admin, Acme.Id), RuleInput.FromForm(web, "ingress", "IPv4", "tcp", 8443, 8443, null, null, null));
        await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();
        page.WaitForAssertion(() => Assert.Contains("8443/tcp", page.Markup), TimeSpan.FromSeconds(5));
    }
}
