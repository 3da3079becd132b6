using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Ports;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>/t/{tenant}/groups: what each role sees, the quota block, search, and create/edit/clone/delete through the dialogs down to the database.</summary>
public sealed class GroupsPageTests : GroupsUiTestContext
{
    /// <summary>The page reads in the circuit (bUnit renders as a circuit with no prerendered state); beyond bUnit's default 1 s on a busy machine.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public GroupsPageTests() => SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit

    private IRenderedComponent<GroupsPage> RenderPage(string tenant = TenantName)
    {
        var cut = Render<GroupsPage>(p => p.Add(x => x.TenantName, tenant));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#groups-table").Count > 0 || cut.FindAll("#not-authorized").Count > 0), Wait);
        return cut;
    }

    private static IElement Row(IRenderedComponent<GroupsPage> cut, string name) =>
        cut.FindAll("#groups-table tbody tr").Single(r => r.QuerySelector(".group-link")?.TextContent.Trim() == name);

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Each_role_sees_the_controls_it_may_use(Role role)
    {
        var web = await NewGroupAsync("web", "the web tier");
        SignIn(role);

        var cut = RenderPage();

        if (role == Role.Outsider)
        {
            Assert.NotEmpty(cut.FindAll("#not-authorized"));
            Assert.DoesNotContain("web", cut.Markup);
            Assert.DoesNotContain("the web tier", cut.Markup);
            Assert.DoesNotContain(web.Id, cut.Markup);
            Assert.DoesNotContain(Acme.Id, cut.Markup);
            Assert.Empty(cut.FindAll("#groups-table"));
            return;
        }
        Assert.Empty(cut.FindAll("#not-authorized"));
        var expectedRole = role switch
        {
            Role.TenantAdmin => "you are an admin",
            Role.Member => "you are a member",
            Role.Reader => "you are a reader",
            Role.Auditor => "you are an auditor (read-only)",
            _ => "you are a cloud admin",
        };
        Assert.Contains(expectedRole, cut.Markup);
        Assert.Contains("the web tier", Row(cut, "web").TextContent);
        Assert.NotNull(Row(cut, "default").QuerySelector(".default-badge"));

        var writes = Writes(role);
        Assert.Equal(writes, cut.FindAll("#create-group").Count == 1);
        Assert.Equal(writes, Row(cut, "web").QuerySelector(".edit-group") is not null);
        Assert.Equal(writes, Row(cut, "web").QuerySelector("[aria-label='Clone web']") is not null);
        Assert.Equal(writes, Row(cut, "web").QuerySelector(".delete-group") is not null);
        // The default group: only a cloud admin may delete it (Neutron's admin), not the tenant's admin.
        Assert.Equal(writes, Row(cut, "default").QuerySelector(".edit-group") is not null);
        Assert.Equal(role == Role.CloudAdmin, Row(cut, "default").QuerySelector(".delete-group") is not null);
    }

    [Fact]
    public async Task A_tenant_that_does_not_exist_looks_like_one_the_user_may_not_see()
    {
        SignIn(Role.Member);
        var cut = RenderPage("no-such-tenant");
        Assert.NotEmpty(cut.FindAll("#not-authorized"));

        // The outsider's own tenant opens normally: the refusal above is about acme, not the user.
        await NewGroupAsync("theirs", caller: OtherArranger);
        SignIn(Role.Outsider);
        var own = RenderPage(OtherTenantName);
        Assert.NotNull(Row(own, "theirs"));
    }

    [Fact]
    public async Task Quota_meters_show_usage_and_a_full_group_quota_disables_New_group_with_the_reason()
    {
        await NewGroupAsync("web");
        await DefaultGroupIdAsync();
        SetQuota(groups: 2, rules: 50);
        SignIn(Role.Member);

        var cut = RenderPage();

        Assert.Contains("2", cut.Find("#quota-groups").TextContent);
        Assert.Contains("/ 2", cut.Find("#quota-groups").TextContent);
        Assert.Contains("/ 50", cut.Find("#quota-rules").TextContent);
        Assert.True(cut.Find("#create-group").HasAttribute("disabled"));
        Assert.Equal("Group quota reached (2 of 2): delete a group or ask an operator for more.", cut.Find("#quota-full").TextContent.Trim());
        Assert.True(Row(cut, "web").QuerySelector("[aria-label='Clone web']")!.HasAttribute("disabled"));
        var tooltip = cut.FindComponents<MudBlazor.MudTooltip>().Single(t => t.Instance.Text?.StartsWith("Group quota", StringComparison.Ordinal) == true);
        Assert.False(tooltip.Instance.Disabled);
    }

    [Fact]
    public async Task A_rule_quota_without_room_for_two_egress_rules_also_blocks_New_group()
    {
        await NewGroupAsync("web"); // 2 egress rules
        await DefaultGroupIdAsync(); // 4 rules
        SetQuota(groups: 10, rules: 7);
        SignIn(Role.Member);

        var cut = RenderPage();

        Assert.True(cut.Find("#create-group").HasAttribute("disabled"));
        Assert.Contains("Rule quota nearly used up (6 of 7)", cut.Find("#quota-full").TextContent);
    }

    [Fact]
    public async Task Readers_see_no_quota_warning_and_unlimited_quotas_show_infinity()
    {
        SetQuota(groups: -1, rules: -1);
        await NewGroupAsync("web");
        SignIn(Role.Reader);
        var cut = RenderPage();
        Assert.Contains("∞", cut.Find("#quota-groups").TextContent);
        Assert.Empty(cut.FindAll("#quota-full"));

        SetQuota(groups: 1, rules: 100);
        var full = RenderPage();
        Assert.Empty(full.FindAll("#quota-full"));
        Assert.Empty(full.FindAll("#create-group"));
    }

    [Fact]
    public async Task Search_filters_by_name_and_description()
    {
        await NewGroupAsync("web", "front end");
        await NewGroupAsync("db", "postgres");
        SignIn(Role.Reader);
        var cut = RenderPage();

        cut.Find("#group-search").Input("POSTGRES");

        cut.WaitForAssertion(() => Assert.Equal(["db"], cut.FindAll(".group-link").Select(l => l.TextContent.Trim())), Wait);
        cut.Find("#group-search").Input("nothing-like-this");
        cut.WaitForAssertion(() => Assert.Contains("No group matches “nothing-like-this”.", cut.Markup), Wait);
    }

    [Fact]
    public async Task New_group_validates_as_you_type_then_creates_the_group_and_opens_it()
    {
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage();

        cut.Find("#create-group").Click();
        providers.WaitForElement("#group-name");

        providers.Find("#group-name").Input("Default");
        providers.WaitForAssertion(() => Assert.Contains("Default security group already exists.", providers.Markup), Wait);
        Assert.True(providers.Find("#group-save").HasAttribute("disabled"));

        var longName = new string('n', 256);
        providers.Find("#group-name").Input(longName);
        providers.WaitForAssertion(() => Assert.Contains($"Invalid input for name. Reason: '{longName}' exceeds maximum length of 255.", providers.Markup), Wait);
        Assert.True(providers.Find("#group-save").HasAttribute("disabled"));

        providers.Find("#group-description").Input(new string('d', 256));
        providers.WaitForAssertion(() => Assert.Contains("exceeds maximum length of 255.", providers.Markup), Wait);

        providers.Find("#group-name").Input("web");
        providers.Find("#group-description").Input("the web tier");
        providers.WaitForAssertion(() => Assert.False(providers.Find("#group-save").HasAttribute("disabled")), Wait);
        Assert.DoesNotContain("Default security group already exists.", providers.Markup);
        providers.Find("#group-save").Click();

        cut.WaitForAssertion(() => Assert.EndsWith($"/t/{TenantName}/groups/", RemoveLastSegment(Navigation.Uri)), Wait);
        var created = Assert.Single(GroupsInDb(Acme.Id), g => g.Name == "web");
        Assert.Equal("the web tier", created.Description);
        Assert.True(created.Stateful);
        Assert.Equal(2, created.Rules.Count);
        Assert.All(created.Rules, r => Assert.Equal("egress", r.Direction));
        Assert.EndsWith(created.Id, Navigation.Uri);
        var audit = Assert.Single(UiAudit(), a => a.ResourceType == "security_group" && a.ResourceId == created.Id);
        Assert.Equal("create", audit.Action);
        Assert.Equal(UserId(Role.Member), audit.ActorUserId);
    }

    private static string RemoveLastSegment(string uri) => uri[..(uri.LastIndexOf('/') + 1)];

    [Fact]
    public async Task New_group_can_start_empty_and_stateless()
    {
        SignIn(Role.TenantAdmin);
        var providers = RenderProviders();
        var cut = RenderPage();

        cut.Find("#create-group").Click();
        providers.WaitForElement("#group-name").Input("bare");
        providers.Find("#group-stateful").Change(false);
        providers.Find("#group-start-empty").Change(true);
        providers.Find("#group-save").Click();

        cut.WaitForAssertion(() => Assert.Contains(GroupsInDb(Acme.Id), g => g.Name == "bare"), Wait);
        var created = GroupsInDb(Acme.Id).Single(g => g.Name == "bare");
        Assert.False(created.Stateful);
        Assert.Empty(created.Rules);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Edit_saves_the_description_and_writes_a_UI_audit_entry()
    {
        var web = await NewGroupAsync("web", "old");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage();

        Row(cut, "web").QuerySelector(".edit-group")!.Click();
        providers.WaitForElement("#group-description");
        Assert.Equal("web", providers.Find("#group-name").GetAttribute("value"));
        Assert.Empty(providers.FindAll("#group-start-empty"));
        providers.Find("#group-description").Input("new words");
        providers.Find("#group-save").Click();

        cut.WaitForAssertion(() => Assert.Contains("new words", Row(cut, "web").TextContent), Wait);
        var saved = GroupsInDb(Acme.Id).Single(g => g.Id == web.Id);
        Assert.Equal("new words", saved.Description);
        Assert.Equal("web", saved.Name);
        Assert.Contains(UiAudit(), a => a is { Action: "update", ResourceType: "security_group" } && a.ResourceId == web.Id);
    }

    [Fact]
    public async Task Renaming_to_default_is_refused_under_the_name_and_nothing_changes()
    {
        var web = await NewGroupAsync("web");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage();

        Row(cut, "web").QuerySelector(".edit-group")!.Click();
        providers.WaitForElement("#group-name").Input("DEFAULT");

        providers.WaitForAssertion(() => Assert.Contains("Default security group already exists.", providers.Markup), Wait);
        Assert.True(providers.Find("#group-save").HasAttribute("disabled"));
        Assert.Equal("web", GroupsInDb(Acme.Id).Single(g => g.Id == web.Id).Name);
    }

    [Fact]
    public async Task The_default_group_cannot_be_renamed_and_a_group_in_use_cannot_change_statefulness()
    {
        var web = await NewGroupAsync("web");
        await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = "vm", SecurityGroupIds = [web.Id] });
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage();

        Row(cut, "default").QuerySelector(".edit-group")!.Click();
        providers.WaitForElement("#group-name");
        Assert.True(providers.Find("#group-name").HasAttribute("disabled"));
        Assert.Contains("The default group cannot be renamed.", providers.Markup);
        providers.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#group-name")), Wait);

        Row(cut, "web").QuerySelector(".edit-group")!.Click();
        providers.WaitForElement("#group-stateful");
        Assert.True(providers.Find("#group-stateful").HasAttribute("disabled"));
        Assert.Contains("Statefulness cannot change while a port uses this group.", providers.Markup);
        Assert.False(providers.Find("#group-name").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Clone_copies_the_group_with_its_rules()
    {
        var web = await NewGroupAsync("web");
        await NewRuleAsync(web.Id, port: 443, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var cut = RenderPage();

        Row(cut, "web").QuerySelector("[aria-label='Clone web']")!.Click();

        cut.WaitForAssertion(() => Assert.NotNull(Row(cut, "web-copy")), Wait);
        var copy = GroupsInDb(Acme.Id).Single(g => g.Name == "web-copy");
        Assert.Equal(3, copy.Rules.Count);
        Assert.Contains(copy.Rules, r => r is { Protocol: "tcp", PortRangeMin: 443, RemoteIpPrefix: "10.0.0.0/8" });
        Assert.Contains(UiAudit(), a => a is { Action: "create", ResourceType: "security_group" } && a.ResourceId == copy.Id);
    }

    [Fact]
    public async Task Delete_states_what_goes_and_removes_the_group_its_rules_and_rules_that_refer_to_it()
    {
        var web = await NewGroupAsync("web");
        var app = await NewGroupAsync("app");
        var fromWeb = await NewRuleAsync(app.Id, port: 8080, remoteGroupId: web.Id);
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage();

        Row(cut, "web").QuerySelector(".delete-group")!.Click();
        providers.WaitForElement("#delete-confirm");
        Assert.Contains("Delete web and its 2 rules?", providers.Find(".mud-dialog-content").TextContent.Replace("  ", " "));
        Assert.StartsWith("1 rule in other groups allows traffic from this group. Deleting the group deletes that rule too (as Neutron does), each with its own audit entry:",
            System.Text.RegularExpressions.Regex.Replace(providers.Find("#delete-cascade").TextContent, @"\s+", " ").Trim());
        providers.Find("#delete-confirm").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain(cut.FindAll(".group-link"), l => l.TextContent.Trim() == "web"), Wait);
        Assert.DoesNotContain(GroupsInDb(Acme.Id), g => g.Id == web.Id);
        Assert.Empty(RulesInDb(web.Id));
        Assert.DoesNotContain(RulesInDb(app.Id), r => r.Id == fromWeb.Id);
        Assert.Contains(UiAudit(), a => a is { Action: "delete", ResourceType: "security_group" } && a.ResourceId == web.Id);
        Assert.Contains(UiAudit(), a => a is { Action: "delete", ResourceType: "security_group_rule" } && a.ResourceId == fromWeb.Id);
    }

    [Fact]
    public async Task Cancelling_delete_keeps_the_group()
    {
        var web = await NewGroupAsync("web");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage();

        Row(cut, "web").QuerySelector(".delete-group")!.Click();
        providers.WaitForElement("#delete-confirm");
        providers.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#delete-confirm")), Wait);
        Assert.Contains(GroupsInDb(Acme.Id), g => g.Id == web.Id);
        Assert.DoesNotContain(UiAudit(), a => a.Action == "delete");
    }

    [Fact]
    public async Task A_group_in_use_offers_no_Delete_button()
    {
        var web = await NewGroupAsync("web");
        await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = "vm1", SecurityGroupIds = [web.Id] });
        await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = "vm2", SecurityGroupIds = [web.Id] });
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage();
        Assert.Contains("2", Row(cut, "web").QuerySelector("[data-label='Ports']")!.TextContent);

        Row(cut, "web").QuerySelector(".delete-group")!.Click();

        providers.WaitForElement("#delete-in-use");
        Assert.Equal("web is used by 2 ports. Detach it from those ports before deleting it.",
            Normalize(providers.Find("#delete-in-use").TextContent));
        Assert.Empty(providers.FindAll("#delete-confirm"));
        Assert.Contains(providers.FindAll(".mud-dialog-actions button"), b => b.TextContent.Trim() == "Close");
    }

    [Fact]
    public async Task A_cloud_admin_may_delete_the_default_group_after_being_told_it_comes_back()
    {
        var defaultId = await DefaultGroupIdAsync();
        SignIn(Role.CloudAdmin);
        var providers = RenderProviders();
        var cut = RenderPage();

        Row(cut, "default").QuerySelector(".delete-group")!.Click();
        providers.WaitForElement("#delete-confirm");
        Assert.Contains("It will be created again, with its default rules, the next time it is needed.", providers.Markup);
        providers.Find("#delete-confirm").Click();

        // The list recreates the default group as soon as it reloads (Neutron's list does the same).
        cut.WaitForAssertion(() => Assert.NotEqual(defaultId, GroupsInDb(Acme.Id).Single(g => g.Name == "default").Id), Wait);
        var audit = UiAudit().First(a => a.Action == "delete");
        Assert.Equal(defaultId, audit.ResourceId);
        Assert.Equal(UserId(Role.CloudAdmin), audit.ActorUserId);
    }

    internal static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
}
