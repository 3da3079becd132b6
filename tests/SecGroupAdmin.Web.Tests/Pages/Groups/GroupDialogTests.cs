using Bunit;
using MudBlazor;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// GroupDialog opened straight through IDialogService for every role (the page shows its buttons only to writers,
/// but the service must refuse the others all the same, and the dialog must say so without losing the input).
/// </summary>
public sealed class GroupDialogTests : GroupsUiTestContext
{
    private async Task<(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Providers, IDialogReference Dialog)> OpenAsync(Role role, GroupSummary? existing = null)
    {
        SignIn(role);
        var providers = RenderProviders();
        var context = await ContextForAsync();
        // An outsider gets no context from the page; hand the dialog one built from the other tenant to prove the service still refuses acme.
        context ??= await ContextForAsync(OtherTenantName) is { } own ? own with { Tenant = Acme } : null;
        Assert.NotNull(context);
        var parameters = new DialogParameters<GroupDialog> { { d => d.Context, context }, { d => d.Existing, existing } };
        var dialog = await providers.InvokeAsync(() => Dialogs.ShowAsync<GroupDialog>("Group", parameters));
        providers.WaitForElement("#group-name");
        return (providers, dialog);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Create_succeeds_only_for_writers_and_others_get_the_reason_in_the_dialog(Role role)
    {
        var (providers, dialog) = await OpenAsync(role);
        Assert.Equal("Create", providers.Find("#group-save").TextContent.Trim());

        providers.Find("#group-name").Input("made-by-" + role);
        providers.Find("#group-save").Click();

        if (Writes(role))
        {
            var result = await dialog.Result;
            Assert.False(result!.Canceled);
            var created = GroupsInDb(Acme.Id).Single(g => g.Name == "made-by-" + role);
            Assert.Equal(created.Id, result.Data);
            var audit = Assert.Single(UiAudit(), a => a.ResourceId == created.Id);
            Assert.Equal(UserId(role), audit.ActorUserId);
            Assert.Equal("create", audit.Action);
            return;
        }
        providers.WaitForElement("#group-form-error");
        var expected = role == Role.Outsider
            ? "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin or advsvc privileges"
            : "Your role in this tenant does not allow this change.";
        Assert.Equal(expected, providers.Find("#group-form-error").TextContent.Trim());
        Assert.Equal("made-by-" + role, providers.Find("#group-name").GetAttribute("value"));
        Assert.DoesNotContain(GroupsInDb(Acme.Id), g => g.Name.StartsWith("made-by", StringComparison.Ordinal));
        Assert.Empty(UiAudit());
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Edit_succeeds_only_for_writers(Role role)
    {
        var web = await NewGroupAsync("web", "before");
        var summary = (await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id)).Single(g => g.Id == web.Id);
        var (providers, dialog) = await OpenAsync(role, summary);
        Assert.Equal("Save", providers.Find("#group-save").TextContent.Trim());

        providers.Find("#group-description").Input("after");
        providers.Find("#group-save").Click();

        if (Writes(role))
        {
            var result = await dialog.Result;
            Assert.False(result!.Canceled);
            Assert.Equal("after", GroupsInDb(Acme.Id).Single(g => g.Id == web.Id).Description);
            Assert.Contains(UiAudit(), a => a.Action == "update" && a.ResourceId == web.Id && a.ActorUserId == UserId(role));
            return;
        }
        providers.WaitForElement("#group-form-error");
        // Readers and auditors see the group (403); an outsider does not (404, the same words as for a missing group).
        var expected = role == Role.Outsider ? $"Security group {web.Id} does not exist" : "Your role in this tenant does not allow this change.";
        Assert.Equal(expected, providers.Find("#group-form-error").TextContent.Trim());
        Assert.Equal("before", GroupsInDb(Acme.Id).Single(g => g.Id == web.Id).Description);
        Assert.Empty(UiAudit());
    }

    [Fact]
    public async Task A_stale_revision_is_explained_and_nothing_is_overwritten()
    {
        var web = await NewGroupAsync("web", "mine");
        var summary = (await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id)).Single(g => g.Id == web.Id);
        var (providers, _) = await OpenAsync(Role.Member, summary);
        await Service.UpdateGroupAsync(Arranger, web.Id, new GroupUpdateRequest { Description = SecGroupAdmin.Domain.Rules.InputValue.FromString("theirs") });

        providers.Find("#group-description").Input("mine, changed");
        providers.Find("#group-save").Click();

        providers.WaitForAssertion(() => Assert.Contains("your change was not saved", providers.Find("#edit-conflict").TextContent));
        Assert.Equal("theirs", GroupsInDb(Acme.Id).Single(g => g.Id == web.Id).Description);

        // Re-applied on the latest version, the change is saved.
        providers.Find("#use-latest").Click();
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#edit-conflict")));
        providers.Find("#group-save").Click();
        providers.WaitForAssertion(() => Assert.Equal("mine, changed", GroupsInDb(Acme.Id).Single(g => g.Id == web.Id).Description));
    }

    [Fact]
    public async Task Rules_added_or_removed_by_someone_else_meanwhile_are_not_a_conflict_for_the_group_fields()
    {
        var web = await NewGroupAsync("web", "mine");
        var summary = (await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id)).Single(g => g.Id == web.Id);
        var (providers, dialog) = await OpenAsync(Role.Member, summary);
        // Someone else adds and removes rules: the group's revision moves, its name, description and statefulness do not.
        var other = await NewRuleAsync(web.Id, port: 8080, prefix: "10.0.0.0/8");
        await Service.DeleteRuleAsync(Arranger, other.Id);

        providers.Find("#group-description").Input("mine, changed");
        providers.Find("#group-save").Click();

        Assert.False((await dialog.Result)!.Canceled);
        Assert.Empty(providers.FindAll("#edit-conflict"));
        Assert.Equal("mine, changed", GroupsInDb(Acme.Id).Single(g => g.Id == web.Id).Description);
    }

    [Fact]
    public async Task Cancel_closes_without_writing()
    {
        var (providers, dialog) = await OpenAsync(Role.Member);
        providers.Find("#group-name").Input("never");
        providers.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        var result = await dialog.Result;
        Assert.True(result!.Canceled);
        Assert.DoesNotContain(GroupsInDb(Acme.Id), g => g.Name == "never");
    }
}
