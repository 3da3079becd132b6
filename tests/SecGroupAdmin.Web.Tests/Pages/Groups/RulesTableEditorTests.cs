using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// The rules table editor ("Edit inbound rules"): each row checked as you type with the rule dialog's messages,
/// draft-wide duplicate and same-network warnings, remove and undo, a conflict, and a save that goes through
/// SecurityGroupService's change set down to the database and back to the group page's grid.
/// </summary>
public sealed class RulesTableEditorTests : GroupsUiTestContext
{
    private async Task<(SecurityGroup Group, SecurityGroupRule Ssh, SecurityGroupRule Postgres)> GroupAsync()
    {
        var group = await NewGroupAsync("web", startEmpty: true);
        var ssh = await NewRuleAsync(group.Id, port: 22, prefix: "10.0.0.0/8", description: "ssh");
        var postgres = await NewRuleAsync(group.Id, port: 5432, prefix: "10.1.0.0/16", description: "db");
        return (group, ssh, postgres);
    }

    private async Task<IRenderedComponent<RulesTableEditor>> OpenEditorAsync(string groupId, List<RuleChangeSetResult>? saved = null)
    {
        SignIn(Role.Member);
        RenderProviders();
        var context = await ContextForAsync();
        var cut = Render<RulesTableEditor>(p => p
            .Add(x => x.Context, context)
            .Add(x => x.GroupId, groupId)
            .Add(x => x.CanWrite, true)
            .Add(x => x.OnSaved, r => saved?.Add(r)));
        cut.Find("#edit-rules-table").Click();
        cut.WaitForElement("#rules-table-editor");
        return cut;
    }

    /// <summary>The key of the row (its element id "rte-{key}") whose port text is <paramref name="port"/>.</summary>
    private static string RowId(IRenderedComponent<RulesTableEditor> cut, string port) =>
        cut.FindAll(".rte-row").Single(r => r.QuerySelector("input[id$='-ports']")?.GetAttribute("value") == port).Id!;

    /// <summary>Adds a row and returns its element id, once it is drawn (the exposure preview may redraw the editor meanwhile).</summary>
    private static string AddRow(IRenderedComponent<RulesTableEditor> cut)
    {
        var before = cut.FindAll(".rte-row-new").Count;
        cut.Find("#rules-table-add").Click();
        cut.WaitForAssertion(() => Assert.Equal(before + 1, cut.FindAll(".rte-row-new").Count));
        return cut.FindAll(".rte-row-new")[^1].Id!;
    }

    private static bool SaveDisabled(IRenderedComponent<RulesTableEditor> cut) => cut.Find("#rules-table-save").HasAttribute("disabled");

    private static string Summary(IRenderedComponent<RulesTableEditor> cut) => cut.Find("#rules-table-summary").TextContent.Trim();

    [Fact]
    public async Task A_bad_port_shows_the_dialogs_message_at_its_row_and_keeps_save_disabled()
    {
        var (group, _, _) = await GroupAsync();
        var cut = await OpenEditorAsync(group.Id);
        var row = RowId(cut, "22");
        Assert.Equal("No changes", Summary(cut));

        cut.Find($"#{row}-ports").Input("70000");

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find($"#{row}-ports").GetAttribute("aria-invalid")));
        Assert.Contains("Invalid value for port 70000 — Ports are 1–65535.", cut.Find($"#{row}-ports").Closest(".mud-input-control")!.TextContent);
        Assert.True(SaveDisabled(cut));
        Assert.Contains("1 changed · 1 row to fix or complete", Summary(cut));

        cut.Find($"#{row}-ports").Input("2222");
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find($"#{row}-ports").GetAttribute("aria-invalid")));
        Assert.False(SaveDisabled(cut));
        Assert.Equal("1 changed", Summary(cut));
    }

    [Fact]
    public async Task A_new_row_repeating_a_rule_is_flagged_and_one_on_the_same_network_is_warned_about()
    {
        var (group, _, _) = await GroupAsync();
        var cut = await OpenEditorAsync(group.Id);

        var added = AddRow(cut);
        Assert.True(SaveDisabled(cut)); // an untouched new row waits for its port and source
        cut.Find($"#{added}-ports").Input("22");
        cut.Find($"#{added}-cidr").Input("10.0.0.0/8");

        cut.WaitForAssertion(() => Assert.Contains("Already present as row 1", cut.Find($"#{added}-warning").TextContent));
        Assert.True(SaveDisabled(cut));

        cut.Find($"#{added}-ports").Input("5432");
        cut.Find($"#{added}-cidr").Input("10.1.2.3/16");
        cut.WaitForAssertion(() => Assert.Contains("Same network as row 2: 10.1.2.3/16 and 10.1.0.0/16 both mean 10.1.0.0/16", cut.Find($"#{added}-warning").TextContent));
        // Neutron accepts it: a warning, not a refusal.
        Assert.False(SaveDisabled(cut));
        Assert.Equal("1 added", Summary(cut));
    }

    [Fact]
    public async Task The_exposure_preview_shows_what_the_draft_newly_opens_on_the_groups_ports()
    {
        var (group, _, _) = await GroupAsync();
        await Ports.CreatePortAsync(Arranger, new SecGroupAdmin.Web.Ports.PortCreateRequest { Name = "web-1", NetworkId = "net-1", FixedIps = ["10.1.0.1"], SecurityGroupIds = [group.Id] });
        var cut = await OpenEditorAsync(group.Id);
        Assert.Empty(cut.FindAll("#exposure-preview")); // nothing changed: nothing to work out

        var added = AddRow(cut);
        cut.Find($"#{added}-ports").Input("3389");
        Assert.Empty(cut.FindAll("#exposure-preview")); // a row still incomplete: no preview
        cut.Find($"#{added}-cidr").Input("0.0.0.0/0");

        cut.WaitForAssertion(() => Assert.Contains("newly opens tcp/3389 from 0.0.0.0/0", cut.Find("#exposure-opens").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("web-1", cut.Find("#exposure-opens").TextContent);
        Assert.False(SaveDisabled(cut));
    }

    [Fact]
    public async Task Remove_marks_the_row_and_undo_brings_it_back()
    {
        var (group, _, _) = await GroupAsync();
        var cut = await OpenEditorAsync(group.Id);
        var row = RowId(cut, "5432");

        cut.Find($"#{row}-remove").Click();

        cut.WaitForAssertion(() => Assert.Contains("removed", cut.Find($"#{row}").TextContent));
        Assert.Contains("rte-row-removed", cut.Find($"#{row}").ClassList);
        Assert.Equal("1 removed", Summary(cut));
        Assert.False(SaveDisabled(cut));

        cut.Find($"#{row} .rte-undo").Click();
        cut.WaitForAssertion(() => Assert.Equal("No changes", Summary(cut)));
        Assert.Equal("5432", cut.Find($"#{row}-ports").GetAttribute("value"));
        Assert.True(SaveDisabled(cut));
    }

    [Fact]
    public async Task Save_writes_the_whole_change_set_and_hands_the_result_to_the_page()
    {
        var (group, ssh, postgres) = await GroupAsync();
        var saved = new List<RuleChangeSetResult>();
        var cut = await OpenEditorAsync(group.Id, saved);

        cut.Find($"#{RowId(cut, "22")}-ports").Input("2222");
        cut.Find($"#{RowId(cut, "5432")}-remove").Click();
        var added = AddRow(cut);
        cut.Find($"#{added}-ports").Input("8000-8100");
        cut.Find($"#{added}-cidr").Input("192.168.0.0/24");
        cut.WaitForAssertion(() => Assert.Equal("1 added, 1 changed, 1 removed", Summary(cut)));
        cut.Find("#rules-table-save").Click();

        cut.WaitForAssertion(() => Assert.Single(saved));
        var rules = RulesInDb(group.Id).OrderBy(r => r.PortRangeMin).ToList();
        Assert.Equal([(2222, 2222), (8000, 8100)], rules.Select(r => (r.PortRangeMin!.Value, r.PortRangeMax!.Value)));
        Assert.Equal("ssh", rules[0].Description);
        Assert.DoesNotContain(rules, r => r.Id == ssh.Id || r.Id == postgres.Id);
        var audit = UiAudit();
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.Equal(saved[0].ChangeSetId, a.ChangeSetId));
        Assert.Empty(cut.FindAll("#rules-table-editor"));
    }

    [Fact]
    public async Task A_rule_changed_meanwhile_is_named_nothing_is_saved_and_the_rules_can_be_reloaded()
    {
        var (group, ssh, _) = await GroupAsync();
        var cut = await OpenEditorAsync(group.Id);
        cut.Find($"#{RowId(cut, "22")}-ports").Input("2222");
        var added = AddRow(cut);
        cut.Find($"#{added}-ports").Input("443");
        cut.Find($"#{added}-cidr").Input("10.9.0.0/16");
        // Someone else edits the SSH rule meanwhile.
        await Service.ReplaceRuleAsync(Arranger, ssh.Id, RuleInput.FromForm(group.Id, "ingress", "IPv4", "tcp", 22, 22, "10.2.0.0/16", null, "ssh"));

        cut.Find("#rules-table-save").Click();

        cut.WaitForAssertion(() => Assert.Contains("ALLOW IPv4 22/tcp from 10.0.0.0/8", cut.Find("#rules-table-conflict").TextContent));
        Assert.Contains("row 1", cut.Find("#rules-table-conflict").TextContent);
        Assert.DoesNotContain(RulesInDb(group.Id), r => r.PortRangeMin is 2222 or 443);

        cut.Find("#rules-table-reload").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#rules-table-conflict")));
        Assert.Contains(cut.FindAll("input[id$='-cidr']"), i => i.GetAttribute("value") == "10.2.0.0/16");
        // The new row is kept.
        Assert.Contains(cut.FindAll("input[id$='-cidr']"), i => i.GetAttribute("value") == "10.9.0.0/16");
        Assert.Equal("1 added", Summary(cut));
    }

    [Theory]
    [InlineData(Role.Reader, false)]
    [InlineData(Role.Auditor, false)]
    [InlineData(Role.Member, true)]
    public async Task Only_writers_see_the_button_on_the_group_page_and_a_save_shows_in_the_grid(Role role, bool sees)
    {
        var (group, _, _) = await GroupAsync();
        SignIn(role);
        RenderProviders();
        SetRendererInfo(new RendererInfo("Server", true));
        var page = Render<GroupDetailPage>(p => p.Add(x => x.TenantName, TenantName).Add(x => x.GroupId, group.Id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#rules-grid .rule-sentence")));

        Assert.Equal(sees, page.FindAll("#edit-rules-table").Count == 1);
        if (!sees)
        {
            return;
        }
        page.Find("#edit-rules-table").Click();
        page.WaitForElement("#rules-table-editor");
        var row = page.FindAll(".rte-row").Single(r => r.QuerySelector("input[id$='-ports']")?.GetAttribute("value") == "22").Id;
        page.Find($"#{row}-ports").Input("2200");
        page.WaitForAssertion(() => Assert.False(page.Find("#rules-table-save").HasAttribute("disabled")));
        page.Find("#rules-table-save").Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("#rules-grid .rule-sentence"), s => s.TextContent.Contains("2200/tcp from 10.0.0.0/8", StringComparison.Ordinal)));
        Assert.DoesNotContain(page.FindAll("#rules-grid .rule-sentence"), s => s.TextContent.Contains(" 22/tcp", StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#rules-table-editor"));
    }
}
