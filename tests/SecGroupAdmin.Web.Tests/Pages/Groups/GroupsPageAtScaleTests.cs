using Bunit;
using Microsoft.AspNetCore.Components;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Components.Pages.Groups;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// The groups page with 2,500 groups (seeded in bulk through EF, not through the services): it shows one page of 25,
/// counts every match, and searches, sorts and pages in SQL with the rule counts of the shown groups.
/// </summary>
public sealed class GroupsPageAtScaleTests : GroupsUiTestContext
{
    public GroupsPageAtScaleTests() => SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit

    private const int Groups = 2_500;

    private string SeedGroups()
    {
        var now = DateTime.UtcNow;
        using var db = Db();
        string last = "";
        for (var i = 1; i <= Groups; i++)
        {
            var group = new SecurityGroup
            {
                TenantId = Acme.Id, Name = $"grp-{i:D5}", Description = i % 500 == 0 ? "five hundred" : "", Stateful = true,
                RevisionNumber = 1, CreatedAt = now, UpdatedAt = now.AddSeconds(i),
            };
            db.SecurityGroups.Add(group);
            last = group.Id;
            if (i == Groups - 1)
            {
                foreach (var port in new[] { 22, 80, 443 })
                {
                    var n = new NormalizedRule(group.Id, Directions.Ingress, Ethertypes.IPv4, "tcp", port, port, null, null, null, null, "");
                    db.SecurityGroupRules.Add(new SecurityGroupRule
                    {
                        Id = SecurityGroupRule.NewId(), SecurityGroupId = group.Id, TenantId = Acme.Id, Protocol = "tcp",
                        PortRangeMin = port, PortRangeMax = port, Description = "", DuplicateKey = RuleKey.For(n).ToStorageString(),
                        Exposure = RuleExposure.Of(n).Reason, CreatedAt = now, UpdatedAt = now,
                    });
                }
            }
        }
        db.SaveChanges();
        return last;
    }

    private static List<string> Names(IRenderedComponent<GroupsPage> cut) =>
        [.. cut.FindAll("#groups-table tbody tr .group-link").Select(a => a.TextContent.Trim())];

    [Fact]
    public void One_page_of_2500_groups_with_search_sort_and_paging_in_sql()
    {
        SeedGroups();
        SignIn(Role.Member);
        var cut = Render<GroupsPage>(p => p.Add(x => x.TenantName, TenantName));
        cut.WaitForAssertion(() => Assert.Equal(25, Names(cut).Count), TimeSpan.FromSeconds(10));

        // The default group first, then by name; the pager counts every group (2,500 + default).
        Assert.Equal(["default", .. Enumerable.Range(1, 24).Select(i => $"grp-{i:D5}")], Names(cut));
        Assert.Matches(@"1-25\s+of\s+2,?501", cut.Find("#groups-pager").TextContent);

        // Name descending: the default group still first, then the last names.
        cut.FindAll("#groups-table thead .mud-table-sort-label")[0].Click();
        cut.WaitForAssertion(() => Assert.Equal(["default", "grp-02500", "grp-02499"], Names(cut).Take(3)), TimeSpan.FromSeconds(5));

        // Next page: the following 25 in that order.
        cut.Find("#groups-pager button[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Equal("grp-02476", Names(cut).FirstOrDefault()), TimeSpan.FromSeconds(5));
        Assert.Equal("grp-02452", Names(cut)[^1]);

        // Search in SQL (name or description, case-insensitive), with the found group's rule count.
        cut.Find("#group-search").Input("GRP-02499");
        cut.WaitForAssertion(() => Assert.Equal(["grp-02499"], Names(cut)), TimeSpan.FromSeconds(5));
        var row = cut.Find("#groups-table tbody tr");
        Assert.Equal("3", row.QuerySelector("td[data-label='Rules']")!.TextContent.Trim());
        cut.Find("#group-search").Input("five hundred");
        cut.WaitForAssertion(() => Assert.Equal(5, Names(cut).Count), TimeSpan.FromSeconds(5));
        Assert.Matches(@"1-5\s+of\s+5", cut.Find("#groups-pager").TextContent);
    }
}
