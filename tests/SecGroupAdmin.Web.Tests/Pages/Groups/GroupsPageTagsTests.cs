using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tags;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// The groups list with tags: each row's tags as read-only chips (every role alike), and the tag filter (groups
/// carrying every chosen tag, in SQL, kept in the address as ?tag=…), over the real services and SQLite.
/// </summary>
public sealed class GroupsPageTagsTests : GroupsUiTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public GroupsPageTagsTests() => SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit

    private TagService Tags => Services.GetRequiredService<TagService>();

    private IRenderedComponent<GroupsPage> RenderPage(string[]? tagQuery = null)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters($"/t/{TenantName}/groups", new Dictionary<string, object?> { ["tag"] = tagQuery }));
        var cut = Render<GroupsPage>(p => p.Add(x => x.TenantName, TenantName));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#groups-table tbody tr").Count > 0 || cut.FindAll("#not-authorized").Count > 0), Wait);
        return cut;
    }

    private static List<string> Names(IRenderedComponent<GroupsPage> cut) =>
        [.. cut.FindAll("#groups-table tbody tr .group-link").Select(a => a.TextContent.Trim())];

    private static List<string> RowChips(IRenderedComponent<GroupsPage> cut, string name) =>
        [.. cut.FindAll("#groups-table tbody tr").Single(r => r.QuerySelector(".group-link")?.TextContent.Trim() == name)
            .QuerySelectorAll(".group-tags .tag-chip").Select(c => c.TextContent.Trim())];

    /// <summary>web: prod, web; db: db, prod; batch: none (its HasTags is false, so its tags are not read).</summary>
    private async Task SeedAsync()
    {
        var web = await NewGroupAsync("web");
        var db = await NewGroupAsync("db");
        await NewGroupAsync("batch");
        await Tags.ReplaceAsync(Arranger, TaggedKind.SecurityGroup, web.Id, ["web", "prod"]);
        await Tags.ReplaceAsync(Arranger, TaggedKind.SecurityGroup, db.Id, ["prod", "db"]);
    }

    [Theory]
    [InlineData(Role.TenantAdmin)]
    [InlineData(Role.Member)]
    [InlineData(Role.Reader)]
    public async Task Each_role_sees_the_tags_as_chips_without_editing_controls(Role role)
    {
        await SeedAsync();
        SignIn(role);

        var cut = RenderPage();

        Assert.Equal(["prod", "web"], RowChips(cut, "web"));
        Assert.Equal(["db", "prod"], RowChips(cut, "db"));
        Assert.Empty(RowChips(cut, "batch"));
        Assert.Empty(RowChips(cut, "default"));
        // Tags are edited on the group page: no close buttons and no tag input in the list, whatever the role.
        Assert.Empty(cut.FindAll("#groups-table tbody .mud-chip-close-button"));
        Assert.Empty(cut.FindAll("#groups-table tbody input"));
        // Everyone may filter.
        Assert.Single(cut.FindAll("#group-tag-filter"));
        Assert.Equal(Writes(role), cut.FindAll("#create-group").Count == 1);
    }

    [Fact]
    public async Task The_tag_filter_shows_the_groups_carrying_every_chosen_tag_and_goes_into_the_address()
    {
        await SeedAsync();
        SignIn(Role.Reader);
        var cut = RenderPage();
        Assert.Equal(["default", "batch", "db", "web"], Names(cut));

        cut.Find("#group-tag-filter").Input("prod");
        cut.Find("#group-tag-filter").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.Equal(["db", "web"], Names(cut)), Wait);
        Assert.EndsWith("?tag=prod", Navigation.Uri, StringComparison.Ordinal);
        Assert.Equal(["prod"], cut.FindAll("#group-tag-filters .tag-filter-chip").Select(c => c.TextContent.Trim()));

        // A second tag: every one of them (the API's "tags"), not any.
        cut.Find("#group-tag-filter").Input("web");
        cut.Find("#group-tag-filter").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.Equal(["web"], Names(cut)), Wait);
        Assert.EndsWith("?tag=prod&tag=web", Navigation.Uri, StringComparison.Ordinal);
        Assert.Matches(@"1-1\s+of\s+1", cut.Find("#groups-pager").TextContent);

        // With the search too: nothing, and the page says why.
        cut.Find("#group-search").Input("db");
        cut.WaitForAssertion(() => Assert.Contains("No group matches “db” with the tags prod, web.", cut.Markup), Wait);
        cut.Find("#group-search").Input("");

        // Removing a chip widens the filter again.
        cut.FindAll("#group-tag-filters .tag-filter-chip").Single(c => c.TextContent.Trim() == "web").QuerySelector(".mud-chip-close-button")!.Click();
        cut.WaitForAssertion(() => Assert.Equal(["db", "web"], Names(cut)), Wait);
        Assert.EndsWith("?tag=prod", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_opened_with_tags_in_its_address_is_filtered_and_a_row_chip_adds_its_tag()
    {
        await SeedAsync();
        SignIn(Role.Member);

        var cut = RenderPage(["db"]);
        Assert.Equal(["db"], Names(cut));
        Assert.Equal(["db"], cut.FindAll("#group-tag-filters .tag-filter-chip").Select(c => c.TextContent.Trim()));

        var unfiltered = RenderPage();
        unfiltered.FindAll("#groups-table tbody tr .group-tags .tag-chip").First(c => c.TextContent.Trim() == "web").Click();
        unfiltered.WaitForAssertion(() => Assert.Equal(["web"], Names(unfiltered)), Wait);
        Assert.EndsWith("?tag=web", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_query_filters_in_sql_with_paging_and_reads_the_tags_of_the_shown_groups()
    {
        await SeedAsync();
        for (var i = 0; i < 5; i++)
        {
            var g = await NewGroupAsync($"svc-{i}");
            await Tags.AddAsync(Arranger, TaggedKind.SecurityGroup, g.Id, "prod");
        }

        var first = await Summaries.ListPageAsync(Arranger, Acme.Id, null, ["prod"], GroupSort.Name, false, 0, 3);
        Assert.Equal(7, first.Total);
        Assert.Equal(["db", "svc-0", "svc-1"], first.Items.Select(g => g.Name));
        Assert.Equal(["db", "prod"], first.Items[0].Tags);
        Assert.Equal(["prod"], first.Items[1].Tags);

        var both = await Summaries.ListPageAsync(Arranger, Acme.Id, "W", ["prod", "web"], GroupSort.Name, false, 0, 25);
        Assert.Equal(["web"], both.Items.Select(g => g.Name));
        var none = await Summaries.ListPageAsync(Arranger, Acme.Id, null, ["prod", "nope"], GroupSort.Name, false, 0, 25);
        Assert.Equal(0, none.Total);
        var all = await Summaries.ListPageAsync(Arranger, Acme.Id, null, [], GroupSort.Name, false, 0, 25);
        Assert.Empty(all.Items.Single(g => g.Name == "batch").Tags);
    }
}
