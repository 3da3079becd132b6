using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Live;
using SecGroupAdmin.Web.Tags;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// Rules' tags in the rules grid (chips in the description cell, edited from the row's tag button through TagService)
/// and live refresh: a tag changed elsewhere (another user, the API) reaches an open groups list and group page.
/// </summary>
public sealed class TagsOnPagesTests : GroupsUiTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public TagsOnPagesTests() => SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit

    private TagService Tags => Services.GetRequiredService<TagService>();

    private IRenderedComponent<GroupDetailPage> RenderGroup(string groupId)
    {
        var cut = Render<GroupDetailPage>(p => p.Add(x => x.TenantName, TenantName).Add(x => x.GroupId, groupId));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#rules-grid .rule-sentence").Count > 0 || cut.FindAll("#not-authorized").Count > 0), Wait);
        return cut;
    }

    private static List<string> RuleTags(IRenderedComponent<GroupDetailPage> cut, string sentence) =>
        [.. cut.FindAll("#rules-grid tbody tr.mud-table-row")
            .Single(r => r.QuerySelector(".rule-sentence")?.TextContent.Contains(sentence, StringComparison.Ordinal) == true)
            .QuerySelectorAll(".rule-tag").Select(t => t.TextContent.Trim())];

    private List<string> RuleTagsInDb(string ruleId)
    {
        using var db = Db();
        return [.. db.SecurityGroupRuleTags.AsNoTracking().Where(t => t.SecurityGroupRuleId == ruleId).Select(t => t.Tag).OrderBy(t => t)];
    }

    [Theory]
    [InlineData(Role.TenantAdmin)]
    [InlineData(Role.Member)]
    [InlineData(Role.Reader)]
    public async Task The_grid_shows_a_rules_tags_and_only_writers_get_the_tag_button(Role role)
    {
        var web = await NewGroupAsync("web");
        var ssh = await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8", description: "admin ssh");
        await NewRuleAsync(web.Id, port: 443, prefix: "10.0.0.0/8");
        await Tags.ReplaceAsync(Arranger, TaggedKind.SecurityGroupRule, ssh.Id, ["ops", "audit"]);
        SignIn(role);

        var cut = RenderGroup(web.Id);

        Assert.Equal(["audit", "ops"], RuleTags(cut, "22/tcp"));
        Assert.Empty(RuleTags(cut, "443/tcp"));
        Assert.Contains("admin ssh", cut.FindAll("#rules-grid tbody tr.mud-table-row").Select(r => r.TextContent).Single(t => t.Contains("22/tcp", StringComparison.Ordinal)));
        Assert.Equal(Writes(role), cut.FindAll("#rules-grid .edit-rule-tags").Count == 2);
    }

    [Fact]
    public async Task A_member_tags_a_rule_from_its_row_and_the_grid_shows_it()
    {
        var web = await NewGroupAsync("web");
        var ssh = await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderGroup(web.Id);

        cut.FindAll("#rules-grid tbody tr.mud-table-row")
            .Single(r => r.QuerySelector(".rule-sentence")?.TextContent.Contains("22/tcp", StringComparison.Ordinal) == true)
            .QuerySelector(".edit-rule-tags")!.Click();
        providers.WaitForElement("#rule-tag-input").Input("ops");
        providers.Find("#rule-tag-input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        providers.WaitForAssertion(() => Assert.Equal(["ops"], RuleTagsInDb(ssh.Id)), Wait);
        providers.WaitForAssertion(() => Assert.Contains("ops", providers.FindAll("#rule-tags .tag-chip").Select(c => c.TextContent.Trim())), Wait);
        providers.Find("#rule-tags-done").Click();

        cut.WaitForAssertion(() => Assert.Equal(["ops"], RuleTags(cut, "22/tcp")), Wait);
        var audit = Assert.Single(UiAudit(), a => a.ResourceId == ssh.Id);
        Assert.Equal(UserId(Role.Member), audit.ActorUserId);
        Assert.Contains("ops", audit.AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_changed_elsewhere_reaches_the_open_groups_list_and_group_page()
    {
        var web = await NewGroupAsync("web");
        var ssh = await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        SignIn(Role.Reader);
        var list = Render<GroupsPage>(p => p.Add(x => x.TenantName, TenantName));
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("#groups-table .group-link")), Wait);
        var page = RenderGroup(web.Id);
        Assert.Empty(list.FindAll("#groups-table .group-tags .tag-chip"));
        Assert.Empty(page.FindAll("#group-tags .tag-chip"));

        // Someone else (a CLI/API caller) tags the group and a rule; nothing is rendered again by the test.
        await Tags.AddAsync(Arranger, TaggedKind.SecurityGroup, web.Id, "prod");
        await Tags.AddAsync(Arranger, TaggedKind.SecurityGroupRule, ssh.Id, "ops");
        await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();

        list.WaitForAssertion(() => Assert.Equal(["prod"], list.FindAll("#groups-table .group-tags .tag-chip").Select(c => c.TextContent.Trim())), Wait);
        page.WaitForAssertion(() => Assert.Equal(["prod"], page.FindAll("#group-tags .tag-chip").Select(c => c.TextContent.Trim())), Wait);
        page.WaitForAssertion(() => Assert.Equal(["ops"], RuleTags(page, "22/tcp")), Wait);

        // And a removal.
        await Tags.RemoveAsync(Arranger, TaggedKind.SecurityGroup, web.Id, "prod");
        list.WaitForAssertion(() => Assert.Empty(list.FindAll("#groups-table .group-tags .tag-chip")), Wait);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#group-tags .tag-chip")), Wait);
    }
}
