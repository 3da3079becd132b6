using Bunit;
using SecGroupAdmin.Web.Components.Layout;
using SecGroupAdmin.Web.Components.Pages;
using SecGroupAdmin.Web.Tests.Pages.Groups;

namespace SecGroupAdmin.Web.Tests.Pages;

/// <summary>Home's tenant cards, the tenant switcher and the navigation, for each role.</summary>
public sealed class LayoutAndHomeTests : GroupsUiTestContext
{
    [Theory]
    [InlineData(Role.TenantAdmin, "acme:your role: admin")]
    [InlineData(Role.Member, "acme:your role: member")]
    [InlineData(Role.Reader, "acme:your role: reader")]
    [InlineData(Role.Auditor, "acme:operator access|other:operator access")]
    [InlineData(Role.CloudAdmin, "acme:operator access|other:operator access")]
    [InlineData(Role.Outsider, "other:your role: member")]
    public void Home_shows_a_card_per_tenant_the_user_may_open(Role role, string expected)
    {
        SignIn(role);
        var cut = Render<Home>();
        cut.WaitForElement(".tenant-card");

        var cards = cut.FindAll(".tenant-card").Select(c =>
            c.QuerySelector("h6")!.TextContent.Trim() + ":" + c.QuerySelector("p")!.TextContent.Trim());
        Assert.Equal(expected, string.Join("|", cards));
        foreach (var card in cut.FindAll(".tenant-card"))
        {
            var name = card.QuerySelector("h6")!.TextContent.Trim();
            Assert.Equal($"/t/{name}/groups", card.QuerySelector("a")!.GetAttribute("href"));
        }
    }

    [Fact]
    public void A_user_without_tenants_is_told_so()
    {
        using (var db = Db())
        {
            db.Memberships.RemoveRange(db.Memberships.Where(m => m.UserId == UserId(Role.Outsider)));
            db.SaveChanges();
        }
        SignIn(Role.Outsider);
        var cut = Render<Home>();
        cut.WaitForAssertion(() => Assert.Contains("You are not in any tenant yet", cut.Markup));
        Assert.Empty(cut.FindAll(".tenant-card"));
    }

    [Theory]
    [InlineData(Role.Member, "acme:member")]
    [InlineData(Role.Outsider, "other:member")]
    [InlineData(Role.CloudAdmin, "acme:operator|other:operator")]
    public async Task The_switcher_lists_the_users_tenants_and_keeps_the_section(Role role, string expected)
    {
        SignIn(role);
        Navigation.NavigateTo("/t/somewhere/ports");
        var providers = RenderProviders();
        var cut = Render<TenantSwitcher>();
        cut.WaitForElement(".tenant-switcher-button");
        Assert.Contains("somewhere", cut.Find(".tenant-switcher-button").TextContent);

        // The activator opens the menu on a pointer event; open it as that handler does.
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudMenu>().Instance.OpenMenuAsync(EventArgs.Empty));
        providers.WaitForElement(".tenant-choice");
        var choices = providers.FindAll(".tenant-choice").Select(c => string.Join(":", c.QuerySelectorAll("span, p").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)));
        Assert.Equal(expected, string.Join("|", choices));

        providers.FindAll(".tenant-choice")[^1].Click();
        var last = expected.Split('|').Last().Split(':')[0];
        cut.WaitForAssertion(() => Assert.EndsWith($"/t/{last}/ports", Navigation.Uri));
        cut.WaitForAssertion(() => Assert.Contains(last, cut.Find(".tenant-switcher-button").TextContent));
    }

    /// <summary>Adds tenants t-0001…t-0100 (the operator sees them; members of acme do not).</summary>
    private void AddHundredTenants()
    {
        using var db = Db();
        db.Tenants.AddRange(Enumerable.Range(1, 100).Select(i => new Data.Tenants.Tenant { Name = $"t-{i:D4}" }));
        db.SaveChanges();
    }

    [Fact]
    public async Task An_operator_of_many_tenants_gets_the_first_by_name_and_a_way_to_all_of_them()
    {
        AddHundredTenants();
        SignIn(Role.CloudAdmin);
        var home = Render<Home>();
        home.WaitForElement(".tenant-card");
        var names = home.FindAll(".tenant-card h6").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["acme", "other", .. Enumerable.Range(1, Home.CardCount - 2).Select(i => $"t-{i:D4}")], names);
        Assert.Equal("/operator#tenants-table", home.Find("#more-tenants a").GetAttribute("href"));

        var providers = RenderProviders();
        var cut = Render<TenantSwitcher>();
        cut.WaitForElement(".tenant-switcher-button");
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudMenu>().Instance.OpenMenuAsync(EventArgs.Empty));
        providers.WaitForElement(".tenant-choice");
        Assert.Equal(TenantSwitcher.MenuSize, providers.FindAll(".tenant-choice").Count);
        Assert.Single(providers.FindAll(".tenant-choice-all"));
    }

    [Fact]
    public void A_member_sees_all_their_tenants_and_no_more_link()
    {
        AddHundredTenants();
        SignIn(Role.Member);
        var home = Render<Home>();
        home.WaitForElement(".tenant-card");
        Assert.Single(home.FindAll(".tenant-card"));
        Assert.Empty(home.FindAll("#more-tenants"));
    }

    [Fact]
    public void The_switcher_is_hidden_when_signed_out()
    {
        Auth.SetNotAuthorized();
        var cut = Render<TenantSwitcher>();
        Assert.Empty(cut.FindAll(".tenant-switcher-button"));
    }

    [Theory]
    [InlineData(Role.Member, false, false)]
    [InlineData(Role.Reader, false, false)]
    [InlineData(Role.Auditor, true, false)]
    [InlineData(Role.CloudAdmin, true, true)]
    public void Navigation_links_follow_the_tenant_in_the_URL_and_the_global_role(Role role, bool operatorLinks, bool adminLink)
    {
        SignIn(role);
        Navigation.NavigateTo("/t/acme%20corp/groups/123");
        var cut = Render<NavMenu>();

        Assert.Equal("acme corp", cut.Find(".nav-tenant-name").TextContent.Trim());
        Assert.Equal("/t/acme%20corp/groups", cut.Find("#nav-groups").GetAttribute("href"));
        Assert.Equal("/t/acme%20corp/ports", cut.Find("#nav-ports").GetAttribute("href"));
        Assert.Equal(operatorLinks, cut.FindAll("#nav-operator").Count == 1);
        Assert.Equal(adminLink, cut.FindAll("#nav-admin").Count == 1);

        Navigation.NavigateTo("/");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#nav-groups")));
    }

    [Theory]
    [InlineData(Role.TenantAdmin, "nav-groups nav-ports nav-address-groups nav-audit nav-people nav-tokens")]
    [InlineData(Role.Member, "nav-groups nav-ports nav-address-groups nav-people nav-tokens")]
    [InlineData(Role.Reader, "nav-groups nav-ports nav-address-groups nav-people nav-tokens")]
    [InlineData(Role.Auditor, "nav-groups nav-ports nav-address-groups nav-audit nav-people nav-tokens nav-operator nav-operator-audit")]
    [InlineData(Role.CloudAdmin, "nav-groups nav-ports nav-address-groups nav-audit nav-people nav-tokens nav-operator nav-operator-audit nav-admin nav-default-rules")]
    [InlineData(Role.Outsider, "nav-groups nav-ports nav-address-groups nav-people nav-tokens")]
    public void Only_links_the_user_may_use_are_drawn(Role role, string expected)
    {
        SignIn(role);
        Navigation.NavigateTo("/t/acme/groups");
        var cut = Render<NavMenu>();

        cut.WaitForAssertion(() => Assert.Equal(expected, string.Join(' ', cut.FindAll("a[id^='nav-']").Select(a => a.Id))));
    }

    [Fact]
    public void The_audit_link_follows_the_role_in_the_tenant_navigated_to()
    {
        using (var db = Db())
        {
            db.Memberships.Add(new Data.Tenants.Membership { UserId = UserId(Role.Member), TenantId = db.Tenants.Single(t => t.Name == "other").Id, Role = Data.Tenants.TenantRoles.Admin });
            db.SaveChanges();
        }
        SignIn(Role.Member);
        Navigation.NavigateTo("/t/acme/groups");
        var cut = Render<NavMenu>();
        cut.WaitForElement("#nav-groups");
        Assert.Empty(cut.FindAll("#nav-audit"));

        Navigation.NavigateTo("/t/other/groups");
        cut.WaitForAssertion(() => Assert.Equal("/t/other/audit", cut.Find("#nav-audit").GetAttribute("href")));
        Navigation.NavigateTo("/t/acme/ports");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#nav-audit")));
    }

    [Fact]
    public void Signed_out_navigation_offers_only_sign_in()
    {
        Auth.SetNotAuthorized();
        var cut = Render<NavMenu>();
        Assert.Contains("Sign in", cut.Markup);
        Assert.Empty(cut.FindAll("#nav-tokens"));
    }
}
