using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Components.Pages.Ports;
using SecGroupAdmin.Web.Ports;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// Exposure before saving (ExposurePreview) in the rule dialog, the port dialog and the group delete dialog: what the
/// draft newly opens or blocks on which ports appears for a valid draft (after its short delay), nothing for an invalid
/// one, and the save stays possible.
/// </summary>
public sealed class ExposurePreviewDialogsTests : GroupsUiTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<Port> PortAsync(string name, string ip, params string[] groups) =>
        await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = name, NetworkId = "net-1", FixedIps = [ip], SecurityGroupIds = groups });

    /// <summary>Signs the member in and returns their page context in acme.</summary>
    private async Task<SecGroupAdmin.Web.Auth.TenantContext> MemberContextAsync()
    {
        SignIn(Role.Member);
        return (await ContextForAsync())!;
    }

    private IRenderedComponent<IComponent>? rendered;
    private IDialogReference? shown;

    /// <summary>Shows the dialog (closing the one shown before) in MudBlazor's providers, rendered once.</summary>
    private async Task<IRenderedComponent<IComponent>> ShowAsync<TDialog>(DialogParameters<TDialog> parameters) where TDialog : IComponent
    {
        rendered ??= RenderProviders();
        var providers = rendered;
        if (shown is { } previous)
        {
            await providers.InvokeAsync(() => previous.Close());
            providers.WaitForAssertion(() => Assert.Empty(providers.FindAll(".mud-dialog-content")));
        }
        shown = await providers.InvokeAsync(() => Dialogs.ShowAsync<TDialog>("Dialog", parameters));
        providers.WaitForElement(".mud-dialog-content");
        return providers;
    }

    [Fact]
    public async Task The_rule_dialog_shows_what_a_valid_rule_newly_opens_on_the_groups_ports_and_saves()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await PortAsync("web-1", "10.1.0.1", web.Id);
        await PortAsync("web-2", "10.1.0.2", web.Id);
        var context = await MemberContextAsync();
        var group = await Service.GetGroupAsync(Arranger, web.Id);
        var providers = await ShowAsync(new DialogParameters<RuleDialog>
        {
            { d => d.Context, context }, { d => d.Group, group }, { d => d.Groups, await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id) },
        });
        var form = new RuleForm(providers);
        Assert.Empty(providers.FindAll("#exposure-preview")); // pristine: nothing to work out

        form.Port("22");
        form.Remote("Anywhere");
        providers.WaitForAssertion(() => Assert.Equal("newly opens tcp/22 from 0.0.0.0/0 on 2 ports: web-1, web-2",
            providers.Find("#exposure-opens li").TextContent.Trim()), Wait);
        Assert.False(providers.Find("#rule-save").HasAttribute("disabled"));

        // An invalid draft shows no preview and no stale one.
        form.Port("");
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#exposure-preview")), Wait);
        form.Port("70000");
        providers.WaitForAssertion(() => Assert.True(providers.Find("#rule-save").HasAttribute("disabled")));
        Assert.Empty(providers.FindAll("#exposure-preview"));

        form.Port("22");
        providers.WaitForElement("#exposure-opens", Wait);
        providers.Find("#rule-save").Click();
        providers.WaitForAssertion(() => Assert.Contains(RulesInDb(web.Id), r => r.PortRangeMin == 22 && r.RemoteIpPrefix == "0.0.0.0/0"), Wait);
    }

    [Fact]
    public async Task Editing_a_rule_to_a_narrower_source_shows_what_it_newly_blocks()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        var ssh = await NewRuleAsync(web.Id, port: 22, prefix: "0.0.0.0/0");
        await PortAsync("web-1", "10.2.0.1", web.Id);
        var context = await MemberContextAsync();
        var group = await Service.GetGroupAsync(Arranger, web.Id);
        var providers = await ShowAsync(new DialogParameters<RuleDialog>
        {
            { d => d.Context, context }, { d => d.Group, group }, { d => d.Editing, group.Rules.Single(r => r.Id == ssh.Id) },
            { d => d.Groups, await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id) },
        });
        var form = new RuleForm(providers);
        providers.WaitForElement("#exposure-none", Wait); // unchanged yet
        Assert.Equal("No change to what is allowed.", providers.Find("#exposure-none").TextContent.Trim());

        form.Cidr("10.0.0.0/8"); // chooses CIDR first if the rule reads "Anywhere"
        providers.WaitForAssertion(() => Assert.Equal("newly blocks tcp/22 from 0.0.0.0/0 except 10.0.0.0/8 on 1 port: web-1",
            providers.Find("#exposure-blocks li").TextContent.Trim()), Wait);
        Assert.Empty(providers.FindAll("#exposure-opens"));
        Assert.False(providers.Find("#rule-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_port_dialog_shows_what_attaching_a_group_opens_on_that_port()
    {
        var app = await NewGroupAsync("app", startEmpty: true);
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 443, prefix: "0.0.0.0/0");
        var vm = await PortAsync("vm-1", "10.3.0.1", app.Id);
        var existing = ReadDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.Ports, p => p.SecurityGroups)
            .Single(p => p.Id == vm.Id));
        var context = await MemberContextAsync();
        var providers = await ShowAsync(new DialogParameters<PortDialog>
        {
            { d => d.Context, context }, { d => d.Existing, existing },
            { d => d.TenantGroups, [.. await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id)] },
        });
        Assert.Empty(providers.FindAll("#exposure-preview")); // groups unchanged

        var select = providers.FindComponent<MudSelect<string>>();
        await providers.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(new HashSet<string> { app.Id, web.Id }));
        providers.WaitForAssertion(() => Assert.Equal("newly opens tcp/443 from 0.0.0.0/0 on 1 port: vm-1",
            providers.Find("#exposure-opens li").TextContent.Trim()), Wait);
        Assert.False(providers.Find("#port-save").HasAttribute("disabled"));

        // Detaching app (which allows nothing) and web again: back to no change, no preview.
        await providers.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(new HashSet<string> { app.Id }));
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#exposure-preview")), Wait);
    }

    [Fact]
    public async Task The_delete_dialog_says_what_deleting_blocks_and_keeps_delete_for_a_group_not_in_use()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 22, prefix: "0.0.0.0/0");
        await PortAsync("web-1", "10.4.0.1", web.Id);
        var unused = await NewGroupAsync("unused", startEmpty: true);
        await NewRuleAsync(unused.Id, port: 80, prefix: "0.0.0.0/0");
        var context = await MemberContextAsync();
        var summaries = await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id);

        var inUse = await ShowAsync(new DialogParameters<DeleteGroupDialog> { { d => d.Context, context }, { d => d.Group, summaries.Single(g => g.Id == web.Id) } });
        inUse.WaitForAssertion(() => Assert.Equal("newly blocks tcp/22 from 0.0.0.0/0 on 1 port: web-1",
            inUse.Find("#exposure-blocks li").TextContent.Trim()), Wait);
        Assert.Contains("Once detached and deleted:", inUse.Find("#exposure-preview").TextContent);

        var free = await ShowAsync(new DialogParameters<DeleteGroupDialog> { { d => d.Context, context }, { d => d.Group, summaries.Single(g => g.Id == unused.Id) } });
        free.WaitForAssertion(() => Assert.Equal("Deleting it: No change to what is allowed.", free.Find("#exposure-none").TextContent.Trim()), Wait);
        Assert.False(free.Find("#delete-confirm").HasAttribute("disabled"));
    }
}
