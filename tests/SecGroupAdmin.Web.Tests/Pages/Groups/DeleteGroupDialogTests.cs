using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>DeleteGroupDialog for every role and every kind of group: what it says, and whether it offers Delete.</summary>
public sealed class DeleteGroupDialogTests : GroupsUiTestContext
{
    private async Task<(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Providers, IDialogReference Dialog)> OpenAsync(Role role, GroupSummary group)
    {
        SignIn(role);
        var providers = RenderProviders();
        var context = await ContextForAsync() ?? (await ContextForAsync(OtherTenantName))! with { Tenant = Acme };
        var parameters = new DialogParameters<DeleteGroupDialog> { { d => d.Context, context }, { d => d.Group, group } };
        var dialog = await providers.InvokeAsync(() => Dialogs.ShowAsync<DeleteGroupDialog>("Delete", parameters));
        providers.WaitForElement(".mud-dialog-content");
        return (providers, dialog);
    }

    private async Task<GroupSummary> SummaryAsync(string id) =>
        (await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id)).Single(g => g.Id == id);

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task The_default_group_is_protected_for_everyone_but_a_cloud_admin(Role role)
    {
        var summary = await SummaryAsync(await DefaultGroupIdAsync());

        var (providers, dialog) = await OpenAsync(role, summary);

        if (role == Role.CloudAdmin)
        {
            Assert.Empty(providers.FindAll("#delete-default-protected"));
            Assert.Contains("Delete default and its 4 rules?", GroupsPageTests.Normalize(providers.Find(".mud-dialog-content").TextContent));
            providers.Find("#delete-confirm").Click();
            var result = await dialog.Result;
            Assert.Equal(true, result!.Data);
            return;
        }
        Assert.Equal("The default group is protected: it cannot be deleted.", providers.Find("#delete-default-protected").TextContent.Trim());
        Assert.Empty(providers.FindAll("#delete-confirm"));
        providers.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Close").Click();
        Assert.True((await dialog.Result)!.Canceled);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task A_group_in_use_is_never_deletable_here(Role role)
    {
        var web = await NewGroupAsync("web");
        await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = "vm", SecurityGroupIds = [web.Id] });

        var (providers, _) = await OpenAsync(role, await SummaryAsync(web.Id));

        Assert.Equal("web is used by 1 port. Detach it from those ports before deleting it.",
            GroupsPageTests.Normalize(providers.Find("#delete-in-use").TextContent));
        Assert.Empty(providers.FindAll("#delete-confirm"));
    }

    [Fact]
    public async Task Cascade_warning_counts_the_rules_of_other_groups_and_a_nameless_group_reads_no_name()
    {
        var target = await NewGroupAsync("", startEmpty: true);
        var a = await NewGroupAsync("a");
        var b = await NewGroupAsync("b");
        await NewRuleAsync(a.Id, port: 22, remoteGroupId: target.Id);
        await NewRuleAsync(b.Id, port: 80, remoteGroupId: target.Id);
        await NewRuleAsync(target.Id, port: 443, remoteGroupId: target.Id); // its own rule: not a cascade

        var (providers, _) = await OpenAsync(Role.Member, await SummaryAsync(target.Id));

        var text = GroupsPageTests.Normalize(providers.Find(".mud-dialog-content").TextContent);
        Assert.Contains("Delete (no name) and its 1 rule?", text);
        Assert.StartsWith("2 rules in other groups allow traffic from this group. Deleting the group deletes those rules too (as Neutron does), each with its own audit entry:",
            GroupsPageTests.Normalize(providers.Find("#delete-cascade").TextContent), StringComparison.Ordinal);
        // Each rule that goes, in words, under a link to its group.
        var items = providers.FindAll("#delete-cascade-rules li");
        Assert.Equal(["a: ALLOW IPv4 22/tcp from (no name)", "b: ALLOW IPv4 80/tcp from (no name)"], items.Select(i => GroupsPageTests.Normalize(i.TextContent)));
        Assert.Equal($"/t/acme/groups/{a.Id}", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.NotEmpty(providers.FindAll("#delete-confirm"));
    }

    [Fact]
    public async Task The_ports_that_block_a_delete_are_named_and_linked()
    {
        var web = await NewGroupAsync("web");
        var vm1 = await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = "vm-1", SecurityGroupIds = [web.Id] });
        await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = "vm-2", SecurityGroupIds = [web.Id] });

        var (providers, _) = await OpenAsync(Role.Member, await SummaryAsync(web.Id));

        providers.WaitForElement("#delete-blocking-ports");
        var links = providers.FindAll("#delete-blocking-ports a");
        Assert.Equal(["vm-1", "vm-2"], links.Select(l => l.TextContent.Trim()));
        Assert.Equal($"/t/acme/ports?search={vm1.Id}", links[0].GetAttribute("href"));
        Assert.Empty(providers.FindAll("#delete-confirm"));
    }

    [Fact]
    public async Task The_ports_page_starts_with_the_search_a_link_gives()
    {
        var web = await NewGroupAsync("web");
        var vm1 = await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = "vm-1", SecurityGroupIds = [web.Id] });
        await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = "vm-2", SecurityGroupIds = [web.Id] });
        SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit
        SignIn(Role.Member);
        Navigation.NavigateTo($"/t/acme/ports?search={vm1.Id}");

        var page = Render<SecGroupAdmin.Web.Components.Pages.Ports.PortsPage>(p => p.Add(x => x.TenantName, "acme"));

        page.WaitForAssertion(() => Assert.Equal(["vm-1"], page.FindAll(".port-name").Select(n => n.TextContent.Trim())));
    }

    [Fact]
    public async Task No_cascade_warning_when_nothing_refers_to_the_group()
    {
        var web = await NewGroupAsync("web");
        var (providers, _) = await OpenAsync(Role.Reader, await SummaryAsync(web.Id));
        Assert.Empty(providers.FindAll("#delete-cascade"));
        Assert.Contains("This cannot be undone; the audit log keeps a copy of what was deleted.", providers.Markup);
    }
}
