using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Web.Components.Pages.Groups;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// RuleDialog against other people's changes and for the words it uses (#16, defects 6, 7, 8 and 12): a rule deleted
/// meanwhile can be added as a new one; other rules changed meanwhile are no conflict; a rule that means the same network
/// as another is warned about, not refused; Neutron's messages keep their words and get a hint.
/// </summary>
public sealed class RuleDialogEditingTests : GroupsUiTestContext
{
    private SecurityGroup web = null!;

    private async Task<(IRenderedComponent<IComponent> Providers, RuleForm Form, IDialogReference Dialog)> OpenAsync(SecurityGroupRule? editing = null)
    {
        SignIn(Role.Member);
        var providers = RenderProviders();
        var parameters = new DialogParameters<RuleDialog>
        {
            { d => d.Context, await ContextForAsync() }, { d => d.Group, await Service.GetGroupAsync(Arranger, web.Id) },
            { d => d.Groups, await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id) }, { d => d.Editing, editing },
        };
        var dialog = await providers.InvokeAsync(() => Dialogs.ShowAsync<RuleDialog>(editing is null ? "Add rule" : "Edit rule", parameters));
        return (providers, new RuleForm(providers), dialog);
    }

    /// <summary>The text of a field's control: its label, value, helper or error text.</summary>
    private static string FieldText(IRenderedComponent<IComponent> providers, string inputId) =>
        providers.Find("#" + inputId).Closest(".mud-input-control")!.TextContent;

    private async Task<SecurityGroup> WebAsync() => web = await NewGroupAsync("web", startEmpty: true);

    [Fact]
    public async Task A_rule_deleted_by_someone_else_meanwhile_can_be_added_as_a_new_rule()
    {
        await WebAsync();
        var editing = await NewRuleAsync(web.Id, port: 8080, prefix: "10.0.0.0/8");
        var (providers, form, dialog) = await OpenAsync(editing);
        form.Port("8081");
        // The exposure preview of the valid draft draws once it has worked it out; a click meanwhile could land on a
        // button the preview's redraw has just replaced.
        providers.WaitForElement("#exposure-none, #exposure-opens, #exposure-blocks, #exposure-unavailable");
        await Service.DeleteRuleAsync(Arranger, editing.Id);

        providers.Find("#rule-save").Click();

        providers.WaitForElement("#rule-deleted");
        Assert.Contains("deleted this rule", providers.Find("#rule-deleted").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", providers.Markup, StringComparison.Ordinal);
        Assert.Equal("Add as new rule", providers.Find("#rule-save").TextContent.Trim());
        Assert.Empty(RulesInDb(web.Id));

        providers.Find("#add-as-new").Click();

        var outcome = Assert.IsType<RuleDialogResult>((await dialog.Result)!.Data);
        var added = Assert.Single(RulesInDb(web.Id));
        Assert.Equal((outcome.RuleId, 8081, "10.0.0.0/8"), (added.Id, added.PortRangeMin, added.RemoteIpPrefix));
        Assert.Contains(UiAudit(), a => a.Action == "create" && a.ResourceId == added.Id);
    }

    [Fact]
    public async Task Adding_a_deleted_rule_as_new_says_already_present_when_that_rule_exists_now()
    {
        await WebAsync();
        var editing = await NewRuleAsync(web.Id, port: 8080, prefix: "10.0.0.0/8");
        var (providers, form, dialog) = await OpenAsync(editing);
        form.Port("8081");
        await Service.DeleteRuleAsync(Arranger, editing.Id);
        providers.Find("#rule-save").Click();
        providers.WaitForElement("#add-as-new");
        // Meanwhile someone else adds exactly the draft.
        var theirs = await NewRuleAsync(web.Id, port: 8081, prefix: "10.0.0.0/8");

        providers.Find("#add-as-new").Click();

        providers.WaitForElement("#rule-already-present");
        Assert.True(providers.Find("#rule-save").HasAttribute("disabled"));
        Assert.Equal(theirs.Id, Assert.Single(RulesInDb(web.Id)).Id);
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task Rules_added_or_removed_by_someone_else_meanwhile_are_not_a_conflict()
    {
        await WebAsync();
        var editing = await NewRuleAsync(web.Id, port: 8080, prefix: "10.0.0.0/8");
        var (providers, form, dialog) = await OpenAsync(editing);
        var unrelated = await NewRuleAsync(web.Id, port: 9090, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 9091, prefix: "10.0.0.0/8");
        await Service.DeleteRuleAsync(Arranger, unrelated.Id);

        form.Port("8081");
        providers.WaitForAssertion(() => Assert.False(providers.Find("#rule-save").HasAttribute("disabled")));
        providers.Find("#rule-save").Click();

        var outcome = Assert.IsType<RuleDialogResult>((await dialog.Result)!.Data);
        Assert.Empty(providers.FindAll("#edit-conflict"));
        Assert.Equal(8081, Assert.Single(RulesInDb(web.Id), r => r.Id == outcome.RuleId).PortRangeMin);
        Assert.DoesNotContain(RulesInDb(web.Id), r => r.Id == editing.Id);
    }

    [Fact]
    public async Task A_rule_that_differs_only_by_host_bits_is_warned_about_and_can_be_saved()
    {
        await WebAsync();
        await NewRuleAsync(web.Id, port: 8080, prefix: "203.0.113.0/24", description: "office");
        var (providers, form, dialog) = await OpenAsync();
        form.Port("8080");
        form.Cidr("203.0.113.7/24");

        providers.WaitForElement("#rule-same-network");
        var warning = providers.Find("#rule-same-network").TextContent;
        Assert.Contains("Same network as rule", warning, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7/24 and 203.0.113.0/24 both mean the network 203.0.113.0/24", warning, StringComparison.Ordinal);
        Assert.Empty(providers.FindAll("#rule-already-present"));
        Assert.Contains("(network 203.0.113.0/24)", providers.Find("#rule-preview").TextContent, StringComparison.Ordinal);

        providers.WaitForAssertion(() => Assert.False(providers.Find("#rule-save").HasAttribute("disabled")));
        providers.Find("#rule-save").Click();
        await dialog.Result;
        Assert.Contains(RulesInDb(web.Id), r => r.RemoteIpPrefix == "203.0.113.7/24");
    }

    [Fact]
    public async Task Another_mask_or_network_is_not_the_same_network()
    {
        await WebAsync();
        await NewRuleAsync(web.Id, port: 8080, prefix: "203.0.113.0/24");
        var (providers, form, _) = await OpenAsync();
        form.Port("8080");
        form.Cidr("203.0.113.7/25");
        providers.WaitForElement("#rule-preview");
        Assert.Empty(providers.FindAll("#rule-same-network"));
        form.Cidr("203.0.113.0/24");
        providers.WaitForElement("#rule-already-present");
        Assert.Empty(providers.FindAll("#rule-same-network"));
    }

    [Fact]
    public async Task Neutron_messages_keep_their_words_and_get_a_hint_and_protocol_lists_read_as_lists()
    {
        await WebAsync();
        var (providers, form, _) = await OpenAsync();
        form.Port("70000");
        providers.WaitForAssertion(() => Assert.Contains("Invalid value for port 70000 — Ports are 1–65535.", FieldText(providers, "rule-port"), StringComparison.Ordinal));

        form.Choose("Rule", RuleFormModel.OtherProtocol);
        providers.WaitForElement("#rule-protocol-number").Input("nosuch");
        providers.WaitForAssertion(() =>
        {
            var error = FieldText(providers, "rule-protocol-number");
            Assert.Contains("Security group rule protocol nosuch not supported. Only protocol values none, ah, dccp,", error, StringComparison.Ordinal);
            Assert.DoesNotContain("'", error, StringComparison.Ordinal);
            Assert.Contains("and integer representations [0 to 255] are supported. — A protocol is a name (tcp, udp, icmp, sctp, gre, …) or a number 0–255.", error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Other_protocol_takes_a_name_as_well_as_a_number()
    {
        await WebAsync();
        var (providers, form, dialog) = await OpenAsync();
        form.Choose("Rule", RuleFormModel.OtherProtocol);
        providers.WaitForElement("#rule-protocol-number").Input("sctp");
        form.Cidr("10.0.0.0/8");
        providers.WaitForAssertion(() => Assert.Contains("sctp is IP protocol 132", providers.Markup, StringComparison.Ordinal));
        providers.WaitForAssertion(() => Assert.False(providers.Find("#rule-save").HasAttribute("disabled")));
        providers.Find("#rule-save").Click();
        await dialog.Result;
        Assert.Equal("sctp", Assert.Single(RulesInDb(web.Id)).Protocol);
    }

    [Fact]
    public async Task Editing_a_rule_made_from_a_template_shows_the_templates_name()
    {
        await WebAsync();
        var ssh = await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        var (providers, _, _) = await OpenAsync(ssh);
        Assert.Contains("SSH (22/tcp)", providers.Find("#rule-template").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("TCP port 22.", providers.Find("#rule-template-summary").TextContent, StringComparison.Ordinal);
    }
}
