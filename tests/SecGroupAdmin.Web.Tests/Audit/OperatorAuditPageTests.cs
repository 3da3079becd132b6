using Bunit;
using MudBlazor;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Components.Pages.Audit;

namespace SecGroupAdmin.Web.Tests.Audit;

public class OperatorAuditPageTests : AuditPageTestContext
{
    [Theory]
    [InlineData("auditor")]
    [InlineData("cloud")]
    public void Operators_see_every_tenants_changes_with_a_tenant_column(string who)
    {
        SignInAs(who);
        var cut = Render<OperatorAuditPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#audit-table .audit-row")));
        Assert.Contains("web-frontend", cut.Markup);
        Assert.Contains("db-beta", cut.Markup);
        Assert.Contains("cloud@test.example", cut.Markup);
        Assert.NotNull(cut.Find("#filter-tenant"));
        Assert.Equal("/export/audit.csv", cut.Find("#export-csv").GetAttribute("href"));
    }

    [Theory]
    [InlineData("adminA")]
    [InlineData("memberA")]
    [InlineData("readerA")]
    [InlineData("outsider")]
    public void Everyone_else_gets_the_not_authorized_view_and_no_data(string who)
    {
        SignInAs(who);
        var cut = Render<OperatorAuditPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#not-authorized")));
        Assert.DoesNotContain("db-beta", cut.Markup);
        Assert.DoesNotContain("web-frontend", cut.Markup);
    }

    [Fact]
    public async Task Tenant_and_source_filters_narrow_the_list()
    {
        SignInAs("auditor");
        var cut = Render<OperatorAuditPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#audit-table .audit-row")));

        // The tenant filter searches tenants by name in SQL and offers the matches.
        var tenant = cut.FindComponent<MudAutocomplete<TenantChoice>>();
        var search = tenant.Instance.SearchFunc!;
        var matches = (await search("BET", CancellationToken.None)!).ToList();
        Assert.Equal(["beta"], matches.Select(t => t.Name));
        await cut.InvokeAsync(() => tenant.Instance.ValueChanged.InvokeAsync(matches[0]));
        cut.WaitForAssertion(() => Assert.DoesNotContain("web-frontend", cut.Markup));
        Assert.Contains("db-beta", cut.Markup);
        Assert.StartsWith($"/export/audit.json?tenant={World.Beta}", cut.Find("#export-json").GetAttribute("href"));

        var source = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Source");
        await cut.InvokeAsync(() => source.Instance.ValueChanged.InvokeAsync("CLI"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#audit-table .audit-row")));
        Assert.Contains("Quota", cut.Find("#audit-table .audit-row").TextContent);

        // Expanding the quota change shows the old and new limit.
        cut.Find(".expand-entry").Click();
        var quota = cut.Find(".audit-diff tr.diff-changed[data-field='security_group']");
        Assert.Equal("10", quota.QuerySelector("td.old")!.TextContent);
        Assert.Equal("20", quota.QuerySelector("td.new")!.TextContent);
    }

    [Fact]
    public void Pages_of_twenty_five_with_a_pager_and_a_choice_of_fifty_or_a_hundred_rows()
    {
        using (var db = World.Db.CreateDbContext())
        {
            for (var i = 0; i < 60; i++)
            {
                db.AuditEntries.Add(new SecGroupAdmin.Data.Audit.AuditEntry
                {
                    At = AuditWorld.Start.UtcDateTime.AddMinutes(i), ActorUserId = World.Id("cloud"), ActorName = "bulk@test.example",
                    TenantId = World.Beta, Action = "update", ResourceType = "port", ResourceId = $"p{i}", Source = "API",
                });
            }
            db.SaveChanges();
        }
        SignInAs("cloud");
        var cut = Render<OperatorAuditPage>();
        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("#audit-table .audit-row").Count));
        // The rows first, then their count (and with it the pager).
        cut.WaitForAssertion(() => Assert.Matches("^1–25 of [0-9,]+ entries", cut.Find("#audit-count").TextContent.Trim()));
        Assert.NotNull(cut.Find("#audit-pager"));
        var pager = cut.FindComponent<MudPagination>();
        cut.InvokeAsync(() => pager.Instance.SelectedChanged.InvokeAsync(2));
        cut.WaitForAssertion(() => Assert.Matches("^26–50 of [0-9,]+ entries", cut.Find("#audit-count").TextContent.Trim()));

        // Fifty rows a page: back to the first page, fifty of them.
        var size = cut.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Rows per page");
        cut.InvokeAsync(() => size.Instance.ValueChanged.InvokeAsync(50));
        cut.WaitForAssertion(() => Assert.Equal(50, cut.FindAll("#audit-table .audit-row").Count));
        cut.WaitForAssertion(() => Assert.Matches("^1–50 of [0-9,]+ entries", cut.Find("#audit-count").TextContent.Trim()));
    }
}
