using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Ports;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// The group page's #16 tools: Where used, Copy to group…, Import (dry run, then Add), the export links and the audit
/// link by role; and the groups list's Risk column and copyable id. Real services over SQLite.
/// </summary>
public sealed class GroupToolsTests : GroupsUiTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private IRenderedComponent<GroupDetailPage> RenderGroup(string groupId)
    {
        SetRendererInfo(new RendererInfo("Server", true));
        var cut = Render<GroupDetailPage>(p => p.Add(x => x.TenantName, TenantName).Add(x => x.GroupId, groupId));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#rules-grid .rule-sentence").Count > 0 || cut.FindAll("#no-rules").Count > 0 ||
            cut.FindAll("#not-authorized").Count > 0), Wait);
        return cut;
    }

    private List<string> Snackbars() =>
        [.. Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(b => b.Message ?? "")];

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<GroupDetailPage> cut) =>
        cut.FindAll("#rules-grid tbody tr.mud-table-row");

    [Fact]
    public async Task Where_used_lists_the_ports_and_the_groups_whose_rules_name_it_and_follows_changes()
    {
        var db = await NewGroupAsync("db", startEmpty: true);
        var app = await NewGroupAsync("app", startEmpty: true);
        await NewRuleAsync(app.Id, port: 5432, remoteGroupId: db.Id);
        await NewRuleAsync(app.Id, port: 5433, remoteGroupId: db.Id);
        await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = "db-1", SecurityGroupIds = [db.Id] });
        SignIn(Role.Reader);

        var cut = RenderGroup(db.Id);

        cut.WaitForAssertion(() => Assert.Equal("Ports (1)", cut.Find("#where-used-ports-title").TextContent.Trim()), Wait);
        Assert.Equal(["db-1"], cut.FindAll("#where-used-ports .where-used-port").Select(a => a.TextContent.Trim()));
        Assert.Equal("Groups whose rules name it (1)", cut.Find("#where-used-groups-title").TextContent.Trim());
        var reference = cut.Find("#where-used-groups li");
        Assert.Contains("app", reference.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 rules", reference.TextContent, StringComparison.Ordinal);
        Assert.EndsWith($"/groups/{app.Id}", reference.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);

        // Someone attaches the group to another port: the panel reads again.
        await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = "db-2", SecurityGroupIds = [db.Id] });
        cut.WaitForAssertion(() => Assert.Equal("Ports (2)", cut.Find("#where-used-ports-title").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task Where_used_shows_the_first_ports_and_counts_the_rest()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        for (var i = 0; i < 23; i++)
        {
            await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = $"vm-{i:00}", SecurityGroupIds = [web.Id] });
        }
        SignIn(Role.Member);

        var cut = RenderGroup(web.Id);

        cut.WaitForAssertion(() => Assert.Equal("Ports (23)", cut.Find("#where-used-ports-title").TextContent.Trim()), Wait);
        Assert.Equal(20, cut.FindAll("#where-used-ports .where-used-port").Count);
        Assert.Contains("and 3 more", cut.Find("#where-used-more-ports").TextContent, StringComparison.Ordinal);
        Assert.Contains("No other group", cut.Find("#where-used-no-groups").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_to_group_copies_the_selected_rules_and_says_what_was_already_there()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 443, prefix: "10.0.0.0/8");
        var target = await NewGroupAsync("target", startEmpty: true);
        await NewRuleAsync(target.Id, port: 22, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderGroup(web.Id);
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count), Wait);
        Assert.Empty(cut.FindAll("#copy-selected"));

        await cut.InvokeAsync(() => cut.Find(".select-all-rules input").Change(true));
        cut.WaitForElement("#copy-selected");
        await cut.InvokeAsync(() => cut.Find("#copy-selected").Click());
        providers.WaitForElement("#copy-confirm");
        Assert.Contains("the 2 selected rules", providers.Find("#copy-rules-intro").TextContent, StringComparison.Ordinal);
        Assert.True(providers.Find("#copy-confirm").HasAttribute("disabled"));
        var select = providers.FindComponent<MudSelect<string>>();
        await providers.InvokeAsync(() => select.Instance.SelectOption(target.Id));
        providers.WaitForAssertion(() => Assert.False(providers.Find("#copy-confirm").HasAttribute("disabled")));
        await providers.InvokeAsync(() => providers.Find("#copy-confirm").Click());

        cut.WaitForAssertion(() => Assert.Equal(2, RulesInDb(target.Id).Count), Wait);
        Assert.Contains(RulesInDb(target.Id), r => r.PortRangeMin == 443);
        cut.WaitForAssertion(() => Assert.Contains(Snackbars(), m => m.StartsWith("Copied to target: 1 copied, 1 already present (ALLOW IPv4 22/tcp", StringComparison.Ordinal)), Wait);
        Assert.Single(UiAudit(), a => a.Action == "create" && a.SecurityGroupId == target.Id);
    }

    [Fact]
    public async Task Import_shows_a_dry_run_then_adds_the_new_rules()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderGroup(web.Id);
        await cut.InvokeAsync(() => cut.Find("#import-rules").Click());
        providers.WaitForElement("#import-text-input");

        await providers.InvokeAsync(() => providers.Find("#import-text-input").Input(
            "direction,protocol,port_range_min,port_range_max,remote_ip_prefix\n" +
            "ingress,tcp,22,22,10.0.0.0/8\n" +
            "ingress,tcp,443,443,10.0.0.0/8\n" +
            "ingress,tcp,99999,99999,10.0.0.0/8\n"));
        providers.WaitForAssertion(() => Assert.False(providers.Find("#import-check").HasAttribute("disabled")));
        Assert.True(providers.Find("#import-apply").HasAttribute("disabled"));
        await providers.InvokeAsync(() => providers.Find("#import-check").Click());

        providers.WaitForAssertion(() => Assert.Contains("Will add 1 · already present 1 · invalid 1", providers.Find("#import-summary").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("443/tcp", providers.Find("#import-add").TextContent, StringComparison.Ordinal);
        Assert.Contains("line 2", providers.Find("#import-present").TextContent, StringComparison.Ordinal);
        Assert.Contains("line 4:", providers.Find("#import-invalid").TextContent, StringComparison.Ordinal);
        Assert.Contains("Invalid value for port 99999", providers.Find("#import-invalid").TextContent, StringComparison.Ordinal);
        Assert.Single(RulesInDb(web.Id)); // a dry run writes nothing

        Assert.Equal("Add 1 rule", providers.Find("#import-apply").TextContent.Trim());
        await providers.InvokeAsync(() => providers.Find("#import-apply").Click());

        cut.WaitForAssertion(() => Assert.Equal(2, RulesInDb(web.Id).Count), Wait);
        cut.WaitForAssertion(() => Assert.Contains(Snackbars(), m => m == "1 added, 1 already present, 1 invalid left out."), Wait);
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count), Wait);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Export_links_for_readers_import_for_writers_audit_link_for_those_who_read_the_audit(Role role)
    {
        var web = await NewGroupAsync("web");
        SignIn(role);

        var cut = RenderGroup(web.Id);

        if (role == Role.Outsider)
        {
            Assert.Empty(cut.FindAll("#group-rule-tools"));
            return;
        }
        Assert.Equal($"/export/security-groups/{web.Id}/rules.json?tenant=acme", cut.Find("#export-rules-json").GetAttribute("href"));
        Assert.Equal($"/export/security-groups/{web.Id}/rules.csv?tenant=acme", cut.Find("#export-rules-csv").GetAttribute("href"));
        Assert.Equal(Writes(role), cut.FindAll("#import-rules").Count == 1);
        var readsAudit = role is Role.TenantAdmin or Role.Auditor or Role.CloudAdmin;
        cut.WaitForAssertion(() => Assert.Equal(readsAudit, cut.FindAll("#group-audit-link").Count == 1), Wait);
        if (readsAudit)
        {
            Assert.Equal($"/t/acme/audit?group={web.Id}", cut.Find("#group-audit-link").GetAttribute("href"));
        }
    }

    [Fact]
    public async Task Groups_list_shows_the_exposed_rule_count_and_a_copyable_id()
    {
        var open = await NewGroupAsync("open", startEmpty: true);
        await NewRuleAsync(open.Id, port: 22, prefix: "0.0.0.0/0");
        await NewRuleAsync(open.Id, port: 3306, prefix: "0.0.0.0/0");
        await NewRuleAsync(open.Id, port: 443, prefix: "10.0.0.0/8");
        var closed = await NewGroupAsync("closed");
        SignIn(Role.Reader);
        var providers = RenderProviders();
        SetRendererInfo(new RendererInfo("Server", true));
        var cut = Render<GroupsPage>(p => p.Add(x => x.TenantName, TenantName));
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("#groups-table tbody tr"), r => r.TextContent.Contains("closed", StringComparison.Ordinal)), Wait);

        IElement Row(string name) => cut.FindAll("#groups-table tbody tr").Single(r => r.QuerySelector(".group-link")?.TextContent.Trim() == name);
        Assert.Equal("Risk", cut.FindAll("#groups-table thead th").Select(th => th.TextContent.Trim()).ElementAt(4));
        Assert.Equal("2 exposed", Row("open").QuerySelector(".risk-chip")!.TextContent.Trim());
        Assert.Null(Row("closed").QuerySelector(".risk-chip"));
        Assert.Equal("none", Row("closed").QuerySelector(".risk-none")!.TextContent.Trim());
        var id = Row("open").QuerySelector(".group-id")!;
        Assert.Equal(open.Id, id.GetAttribute("title"));
        Assert.Equal(open.Id[..8] + "…", id.TextContent.Trim());

        var copy = Row("open").QuerySelector("button.copy-group-id")!;
        Assert.Equal("Copy id", copy.GetAttribute("aria-label"));
        await cut.InvokeAsync(() => copy.Click());
        var call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        Assert.Equal(open.Id, call.Arguments[0]);
        Assert.Equal(closed.Id, Row("closed").QuerySelector(".group-id")!.GetAttribute("title"));
    }
}
