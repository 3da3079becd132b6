using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SecGroupAdmin.Web.Components;
using SecGroupAdmin.Web.Components.Pages.Groups;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>/t/{tenant}/groups/{id}: what each role sees, exposure markers, the rule quota, and add/edit/delete of rules down to the database.</summary>
public sealed class GroupDetailPageTests : GroupsUiTestContext
{
    private IRenderedComponent<GroupDetailPage> RenderPage(string groupId, string tenant = TenantName)
    {
        SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit
        var cut = Render<GroupDetailPage>(p => p.Add(x => x.TenantName, tenant).Add(x => x.GroupId, groupId));
        // The grid reads its rows after it is drawn: wait for them (or for the empty or refused state).
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#rules-grid .rule-sentence").Count > 0 || cut.FindAll("#no-rules").Count > 0 ||
            cut.FindAll("#not-authorized").Count > 0));
        return cut;
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<GroupDetailPage> cut) =>
        cut.FindAll("#rules-grid tbody tr.mud-table-row");

    private static IElement RowWith(IRenderedComponent<GroupDetailPage> cut, string sentence) =>
        Rows(cut).Single(r => r.QuerySelector(".rule-sentence")?.TextContent.Contains(sentence, StringComparison.Ordinal) == true);

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Each_role_sees_the_controls_it_may_use(Role role)
    {
        var web = await NewGroupAsync("web", "the web tier");
        await NewRuleAsync(web.Id, port: 443, prefix: "10.1.0.0/16", description: "internal https");
        SignIn(role);

        var cut = RenderPage(web.Id);

        if (role == Role.Outsider)
        {
            Assert.NotEmpty(cut.FindAll("#not-authorized"));
            foreach (var secret in new[] { "web", "the web tier", "internal https", "10.1.0.0/16", Acme.Id })
            {
                Assert.DoesNotContain(secret, cut.Markup);
            }
            return;
        }
        Assert.Equal("web", cut.Find("#group-title").TextContent.Trim());
        Assert.Contains("the web tier", cut.Markup);
        Assert.Contains("Revision 2 · 3 rules", GroupsPageTests.Normalize(cut.Find("#group-meta").TextContent));
        Assert.Contains("ALLOW IPv4 443/tcp from 10.1.0.0/16", RowWith(cut, "443/tcp").TextContent);
        Assert.Contains("Ingress (1)", cut.Markup);
        Assert.Contains("Egress (2)", cut.Markup);

        var writes = Writes(role);
        Assert.Equal(writes, cut.FindAll("#edit-group").Count == 1);
        Assert.Equal(writes, cut.FindAll("#add-rule").Count == 1);
        Assert.Equal(writes, cut.FindAll(".edit-rule").Count == 1);
        Assert.Equal(writes, cut.FindAll(".delete-rule").Count == 1);
        Assert.Equal(writes, cut.FindAll("#rules-grid input[type=checkbox]").Count > 0);
        Assert.Equal(!writes, cut.FindAll("#read-only-badge").Count == 1);
    }

    [Fact]
    public async Task A_group_of_another_tenant_or_an_unknown_id_shows_the_same_refusal()
    {
        var theirs = await NewGroupAsync("their-secret", caller: OtherArranger);
        SignIn(Role.CloudAdmin); // may read every tenant, but the URL names acme

        var foreign = RenderPage(theirs.Id);
        var unknown = RenderPage("00000000-0000-0000-0000-000000000000");

        Assert.NotEmpty(foreign.FindAll("#not-authorized"));
        Assert.DoesNotContain("their-secret", foreign.Markup);
        Assert.Equal(unknown.Find("#not-authorized").TextContent, foreign.Find("#not-authorized").TextContent);
        Assert.NotEmpty(RenderPage(theirs.Id, OtherTenantName).FindAll("#rules-grid"));
    }

    [Fact]
    public async Task Rules_open_to_the_internet_on_admin_ports_or_all_ports_are_marked_exposed()
    {
        var web = await NewGroupAsync("web");
        await NewRuleAsync(web.Id, port: 22, prefix: "0.0.0.0/0");
        await NewRuleAsync(web.Id, port: 5432); // no remote: any address, "not set"
        await NewRuleAsync(web.Id, port: 80, prefix: "0.0.0.0/0");
        await NewRuleAsync(web.Id, port: 3306, prefix: "10.0.0.0/8");
        SignIn(Role.Reader);

        var cut = RenderPage(web.Id);

        Assert.StartsWith("2 rules let anyone on the internet reach", cut.Find("#exposure-summary").TextContent.Trim());
        Assert.NotNull(RowWith(cut, "22/tcp").QuerySelector(".exposed-chip"));
        Assert.NotNull(RowWith(cut, "5432/tcp").QuerySelector(".exposed-chip"));
        Assert.NotNull(RowWith(cut, "5432/tcp").QuerySelector(".remote-not-set"));
        Assert.Null(RowWith(cut, "80/tcp").QuerySelector(".exposed-chip"));
        Assert.Null(RowWith(cut, "3306/tcp").QuerySelector(".exposed-chip"));
    }

    [Fact]
    public async Task Host_bits_and_remote_groups_are_shown_as_what_they_mean()
    {
        var web = await NewGroupAsync("web");
        var app = await NewGroupAsync("app");
        await NewRuleAsync(web.Id, port: 8080, prefix: "10.1.2.3/8");
        await NewRuleAsync(web.Id, port: 9090, remoteGroupId: app.Id);
        SignIn(Role.Reader);

        var cut = RenderPage(web.Id);

        Assert.Contains("network 10.0.0.0/8", RowWith(cut, "8080/tcp").TextContent);
        var link = RowWith(cut, "9090/tcp").QuerySelector("a")!;
        Assert.Equal($"/t/{TenantName}/groups/{app.Id}", link.GetAttribute("href"));
        Assert.Equal("app", link.TextContent.Trim());
    }

    [Fact]
    public async Task A_full_rule_quota_disables_Add_rule_with_the_reason()
    {
        var web = await NewGroupAsync("web");
        await DefaultGroupIdAsync();
        SetQuota(groups: 10, rules: 6);
        SignIn(Role.Member);

        var cut = RenderPage(web.Id);

        Assert.True(cut.Find("#add-rule").HasAttribute("disabled"));
        // The reason is the button's tooltip (shown on hover, so read from the tooltip itself).
        var tooltip = cut.FindComponents<MudTooltip>().Single(t => t.Instance.Text?.StartsWith("Rule quota", StringComparison.Ordinal) == true);
        Assert.Equal("Rule quota reached (6 of 6): delete rules or ask an operator for more.", tooltip.Instance.Text);
        Assert.False(tooltip.Instance.Disabled);
    }

    [Fact]
    public async Task Add_rule_stores_it_in_Neutrons_form_with_a_UI_audit_entry()
    {
        var web = await NewGroupAsync("web");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage(web.Id);

        await cut.InvokeAsync(() => cut.Find("#add-rule").Click());
        var form = new RuleForm(providers);
        form.Port("8443");
        form.Cidr("2001:DB8::/32");
        form.Description("tls from the office");
        providers.WaitForAssertion(() => Assert.Contains("IPv6", providers.Find("#rule-ethertype-readonly").TextContent, StringComparison.Ordinal));
        Assert.Contains("ALLOW IPv6 8443/tcp from 2001:db8::/32", providers.Find("#rule-preview").TextContent);
        providers.Find("#rule-save").Click();

        cut.WaitForAssertion(() => Assert.Contains(RulesInDb(web.Id), r => r.PortRangeMin == 8443));
        var rule = RulesInDb(web.Id).Single(r => r.PortRangeMin == 8443);
        Assert.Equal(("ingress", "IPv6", "tcp", 8443, 8443, "2001:db8::/32", "2001:db8::/32", "tls from the office"),
            (rule.Direction, rule.Ethertype, rule.Protocol, rule.PortRangeMin, rule.PortRangeMax, rule.RemoteIpPrefix, rule.NormalizedCidr, rule.Description));
        var audit = Assert.Single(UiAudit());
        Assert.Equal(("create", "security_group_rule", rule.Id, UserId(Role.Member)), (audit.Action, audit.ResourceType, audit.ResourceId, audit.ActorUserId));
        cut.WaitForAssertion(() => Assert.Contains("row-changed", RowWith(cut, "8443/tcp").ClassName));
    }

    [Fact]
    public async Task Edit_rule_replaces_it_so_the_group_keeps_exactly_one()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        // 2200, not a template's port (a 22/tcp rule is edited as the SSH template, with no port field).
        var old = await NewRuleAsync(web.Id, port: 2200, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage(web.Id);

        await cut.InvokeAsync(() => RowWith(cut, "2200/tcp").QuerySelector(".edit-rule")!.Click());
        var form = new RuleForm(providers);
        Assert.Equal("2200", providers.Find("#rule-port").GetAttribute("value"));
        Assert.Equal("10.0.0.0/8", providers.Find("#rule-cidr").GetAttribute("value"));
        Assert.Equal("Save rule", providers.Find("#rule-save").TextContent.Trim());
        form.Port("2222");
        providers.Find("#rule-save").Click();

        cut.WaitForAssertion(() => Assert.Contains("2222/tcp", cut.Markup));
        var rule = Assert.Single(RulesInDb(web.Id));
        Assert.NotEqual(old.Id, rule.Id);
        Assert.Equal((2222, 2222, "10.0.0.0/8"), (rule.PortRangeMin, rule.PortRangeMax, rule.RemoteIpPrefix));
        var audit = Assert.Single(UiAudit());
        Assert.Equal(("replace", rule.Id), (audit.Action, audit.ResourceId));
        Assert.Contains($"\"id\":\"{old.Id}\"", audit.BeforeJson);
        Assert.Contains("\"port_range_min\":2200,", audit.BeforeJson);
        Assert.Contains("\"port_range_min\":2222,", audit.AfterJson);
    }

    [Fact]
    public async Task Delete_rule_asks_then_removes_it()
    {
        var web = await NewGroupAsync("web");
        var rule = await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        SignIn(Role.TenantAdmin);
        var providers = RenderProviders();
        var cut = RenderPage(web.Id);

        await cut.InvokeAsync(() => RowWith(cut, "22/tcp").QuerySelector(".delete-rule")!.Click());
        providers.WaitForAssertion(() => Assert.Contains("Delete the rule “ALLOW IPv4 22/tcp from 10.0.0.0/8”?", providers.Markup));
        providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain("22/tcp", cut.Markup));
        Assert.DoesNotContain(RulesInDb(web.Id), r => r.Id == rule.Id);
        Assert.Equal(2, RulesInDb(web.Id).Count);
        Assert.Contains(UiAudit(), a => a.Action == "delete" && a.ResourceId == rule.Id);
    }

    [Fact]
    public async Task Bulk_delete_removes_the_selected_rules_together()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 80, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage(web.Id);

        for (var i = 0; i < 2; i++)
        {
            var index = i;
            await cut.InvokeAsync(() => Rows(cut)[index].QuerySelector("input[type=checkbox]")!.Change(true));
        }
        cut.WaitForElement("#delete-selected");
        await cut.InvokeAsync(() => cut.Find("#delete-selected").Click());
        providers.WaitForAssertion(() => Assert.Contains("Delete these 2 rules? They are removed together, or not at all.", providers.Markup));
        providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Empty(RulesInDb(web.Id)));
        Assert.Equal(2, UiAudit().Count(a => a.Action == "delete"));
    }

    [Fact]
    public async Task A_filter_drops_hidden_rules_from_the_selection_and_the_confirmation_names_every_rule()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 2222, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 443, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage(web.Id);
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        await cut.InvokeAsync(() => cut.Find(".select-all-rules input").Change(true));
        cut.WaitForAssertion(() => Assert.Equal("Delete 3 selected", cut.Find("#delete-selected").TextContent.Trim()));

        // The filter hides 443: it is no longer selected, so the delete takes only what is in sight (#16).
        await cut.InvokeAsync(() => cut.Find("#rule-search").Input("22"));
        cut.WaitForAssertion(() => Assert.Equal("Delete 2 selected", cut.Find("#delete-selected").TextContent.Trim()));
        await cut.InvokeAsync(() => cut.Find("#rule-search").Input(""));
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        Assert.Equal("Delete 2 selected", cut.Find("#delete-selected").TextContent.Trim());

        await cut.InvokeAsync(() => cut.Find("#delete-selected").Click());
        providers.WaitForElement(".delete-rule-list");
        var listed = providers.FindAll(".delete-rule-list li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(2, listed.Count);
        Assert.Contains(listed, l => l.Contains("22/tcp from 10.0.0.0/8", StringComparison.Ordinal) && !l.Contains("2222", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.Contains("2222/tcp", StringComparison.Ordinal));
        providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Equal(443, Assert.Single(RulesInDb(web.Id)).PortRangeMin));
    }

    /// <summary>Clicks a column's sort once and waits until its header shows <paramref name="direction"/>.</summary>
    private static async Task SortAsync(IRenderedComponent<GroupDetailPage> cut, string title, string direction)
    {
        IElement Header() => cut.FindAll("#rules-grid thead th").Single(th => th.TextContent.Contains(title, StringComparison.Ordinal));
        await cut.InvokeAsync(() => Header().QuerySelector(".sortable-column-header")!.Click());
        cut.WaitForAssertion(() => Assert.Contains(direction, Header().InnerHtml));
    }

    private static List<string> Sentences(IRenderedComponent<GroupDetailPage> cut) =>
        Rows(cut).Select(r => r.QuerySelector(".rule-sentence")!.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_filter_the_tabs_and_a_column_sort_decide_which_rules_are_drawn_and_in_what_order()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 443, prefix: "10.0.0.0/8", description: "https");
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8", description: "ops ssh");
        await NewRuleAsync(web.Id, port: 8080, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 53, prefix: "10.0.0.0/8", direction: "egress");
        SignIn(Role.Reader);
        var cut = RenderPage(web.Id);

        cut.WaitForAssertion(() => Assert.Equal(
            ["ALLOW IPv4 22/tcp from 10.0.0.0/8", "ALLOW IPv4 443/tcp from 10.0.0.0/8", "ALLOW IPv4 8080/tcp from 10.0.0.0/8"], Sentences(cut)));

        await SortAsync(cut, "Port range", "mud-direction-asc");
        await SortAsync(cut, "Port range", "mud-direction-desc");
        cut.WaitForAssertion(() => Assert.Equal(
            ["ALLOW IPv4 8080/tcp from 10.0.0.0/8", "ALLOW IPv4 443/tcp from 10.0.0.0/8", "ALLOW IPv4 22/tcp from 10.0.0.0/8"], Sentences(cut)));

        await cut.InvokeAsync(() => cut.Find("#rule-search").Input("ssh"));
        cut.WaitForAssertion(() => Assert.Equal(["ALLOW IPv4 22/tcp from 10.0.0.0/8"], Sentences(cut)));
        await cut.InvokeAsync(() => cut.Find("#rule-search").Input("nothing-like-this"));
        cut.WaitForAssertion(() => Assert.Contains("No rule matches “nothing-like-this”.", cut.Find("#no-rules").TextContent));

        await cut.InvokeAsync(() => cut.Find("#rule-search").Input(""));
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        await cut.InvokeAsync(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Egress", StringComparison.Ordinal)).Click());
        cut.WaitForAssertion(() => Assert.Equal(["ALLOW IPv4 53/tcp to 10.0.0.0/8"], Sentences(cut)));
    }

    [Fact]
    public async Task A_column_sort_keeps_the_default_order_among_equal_values()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 8080, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 443, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 25, prefix: "192.168.0.0/16");
        SignIn(Role.Reader);
        var cut = RenderPage(web.Id);

        await SortAsync(cut, "Remote", "mud-direction-asc");
        await SortAsync(cut, "Remote", "mud-direction-desc");

        // Descending by remote; the three rules from 10.0.0.0/8 stay in port order (they were created 8080, 22, 443).
        cut.WaitForAssertion(() => Assert.Equal(
        [
            "ALLOW IPv4 25/tcp from 192.168.0.0/16", "ALLOW IPv4 22/tcp from 10.0.0.0/8",
            "ALLOW IPv4 443/tcp from 10.0.0.0/8", "ALLOW IPv4 8080/tcp from 10.0.0.0/8",
        ], Sentences(cut)));
    }

    [Fact]
    public async Task Someone_elses_new_rule_is_marked_without_moving_the_users_tab_filter_or_selection()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 2222, prefix: "10.0.0.0/8");
        SignIn(Role.TenantAdmin);
        var cut = RenderPage(web.Id);
        await cut.InvokeAsync(() => cut.Find("#rule-search").Input("22"));
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        await cut.InvokeAsync(() => RowWith(cut, "2222/tcp").QuerySelector("input[type=checkbox]")!.Change(true));
        cut.WaitForAssertion(() => Assert.Equal("Delete 1 selected", cut.Find("#delete-selected").TextContent.Trim()));

        await NewRuleAsync(web.Id, port: 22, prefix: "192.0.2.0/24", direction: "egress");
        var added = await NewRuleAsync(web.Id, port: 22, prefix: "198.51.100.0/24");

        cut.WaitForAssertion(() => Assert.Contains("row-changed", RowWith(cut, "22/tcp from 198.51.100.0/24").ClassName));
        // The filter "22" stays, and the tabs say how many rules it matches of each.
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Ingress (3 of 3)", cut.Markup);
            Assert.Contains("Egress (1 of 1)", cut.Markup);
        });
        Assert.Equal(3, Rows(cut).Count);
        Assert.Equal("22", cut.Find("#rule-search").GetAttribute("value"));
        Assert.Equal("Delete 1 selected", cut.Find("#delete-selected").TextContent.Trim());
        Assert.Equal(added.Id, RulesInDb(web.Id).Single(r => r.RemoteIpPrefix == "198.51.100.0/24").Id);
    }

    [Fact]
    public async Task Select_all_takes_every_rule_the_filter_shows_and_only_those()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 2222, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 443, prefix: "10.0.0.0/8");
        var egress = await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8", direction: "egress");
        SignIn(Role.TenantAdmin);
        var providers = RenderProviders();
        var cut = RenderPage(web.Id);
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));

        await cut.InvokeAsync(() => cut.Find("#rule-search").Input("22"));
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        await cut.InvokeAsync(() => cut.Find(".select-all-rules input").Change(true));
        cut.WaitForAssertion(() => Assert.Equal("Delete 2 selected", cut.Find("#delete-selected").TextContent.Trim()));

        await cut.InvokeAsync(() => cut.Find("#delete-selected").Click());
        providers.WaitForAssertion(() => Assert.Contains("Delete these 2 rules? They are removed together, or not at all.", providers.Markup));
        providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, RulesInDb(web.Id).Count));
        var left = RulesInDb(web.Id);
        Assert.Contains(left, r => r.PortRangeMin == 443);
        Assert.Contains(left, r => r.Id == egress.Id);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#delete-selected")));
    }

    [Fact]
    public async Task Already_present_points_at_the_existing_rule_created_as_protocol_6()
    {
        var web = await NewGroupAsync("web");
        var existing = await NewRuleAsync(web.Id, protocol: "6", port: 22, prefix: "10.0.0.0/8", description: "ops ssh");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage(web.Id);
        await cut.InvokeAsync(() => cut.Find("#rule-search").Input("no-such-thing"));
        cut.WaitForAssertion(() => Assert.Contains("No rule matches “no-such-thing”.", cut.Find("#no-rules").TextContent));

        await cut.InvokeAsync(() => cut.Find("#add-rule").Click());
        var form = new RuleForm(providers);
        form.Port("22");
        form.Cidr("10.0.0.0/8");

        providers.WaitForElement("#rule-already-present");
        Assert.Contains("This group already has this rule (“ops ssh”).", GroupsPageTests.Normalize(providers.Find("#rule-already-present").TextContent));
        Assert.True(providers.Find("#rule-save").HasAttribute("disabled"));
        providers.Find("#rule-show-existing").Click();

        cut.WaitForAssertion(() => Assert.Contains("row-changed", RowWith(cut, "22/6").ClassName));
        Assert.Equal(existing.Id, Assert.Single(RulesInDb(web.Id), r => r.Direction == "ingress").Id);
        Assert.Empty(UiAudit());
    }

    [Fact]
    public async Task The_rule_dialog_offers_the_address_captured_for_the_circuit_as_My_IP()
    {
        var web = await NewGroupAsync("web");
        SignIn(Role.Member);
        var providers = RenderProviders();
        SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit
        // Routes cascades the address App.razor read from the page's request; here the test supplies it.
        var host = Render<CascadingValue<ClientAddress>>(p => p
            .Add(x => x.Value, new ClientAddress("203.0.113.7"))
            .Add(x => x.IsFixed, true)
            .AddChildContent<GroupDetailPage>(page => page.Add(x => x.TenantName, TenantName).Add(x => x.GroupId, web.Id)));
        var cut = host.FindComponent<GroupDetailPage>();
        cut.WaitForElement("#add-rule");

        await cut.InvokeAsync(() => cut.Find("#add-rule").Click());
        var form = new RuleForm(providers);

        var chip = providers.FindComponents<MudChip<RemoteKind>>().Single(c => c.Instance.Value == RemoteKind.MyIp);
        Assert.Equal("My IP (203.0.113.7)", chip.Instance.Text);
        Assert.False(chip.Instance.Disabled);
        form.Port("22");
        form.Remote("My IP");
        providers.WaitForAssertion(() => Assert.Contains("from 203.0.113.7/32", providers.Find("#rule-preview").TextContent));
    }
}

/// <summary>Drives the rule dialog rendered in the providers: fields by id, selects by their label, remote chips by text.</summary>
internal sealed class RuleForm
{
    private readonly IRenderedComponent<IComponent> providers;

    public RuleForm(IRenderedComponent<IComponent> providers)
    {
        this.providers = providers;
        providers.WaitForElement("#rule-save");
    }

    public void Port(string value) => providers.WaitForElement("#rule-port").Input(value);
    public void PortFrom(string value) => providers.WaitForElement("#rule-port-from").Input(value);
    public void PortTo(string value) => providers.WaitForElement("#rule-port-to").Input(value);
    /// <summary>Types the CIDR, choosing "CIDR" as the remote first when nothing is chosen yet (a new rule starts with none).</summary>
    public void Cidr(string value)
    {
        if (providers.FindAll("#rule-cidr").Count == 0)
        {
            Remote("CIDR");
        }
        providers.WaitForElement("#rule-cidr").Input(value);
    }
    public void IcmpType(string value) => providers.WaitForElement("#rule-icmp-type").Input(value);
    public void IcmpCode(string value) => providers.WaitForElement("#rule-icmp-code").Input(value);
    public void Description(string value) => providers.WaitForElement("#rule-description").Input(value);

    /// <summary>Clicks the remote chip with this text ("CIDR", "Security group", "My IP", "Anywhere").</summary>
    public void Remote(string text) =>
        providers.FindAll("#rule-remote .mud-chip").First(c => c.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)).Click();

    /// <summary>Picks a value in the MudSelect with this label, as choosing an item does (the select's ValueChanged).</summary>
    public void Choose<T>(string label, T value)
    {
        var select = providers.FindComponents<MudSelect<T>>().Single(s => s.Instance.Label == label);
        providers.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value)).GetAwaiter().GetResult();
    }

    public string? ErrorUnder(string inputId)
    {
        var input = providers.Find("#" + inputId);
        var control = input.Closest(".mud-input-control");
        return control?.QuerySelector(".mud-input-error")?.TextContent.Trim();
    }
}
