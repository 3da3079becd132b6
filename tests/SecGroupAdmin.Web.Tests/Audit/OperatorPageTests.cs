using Bunit;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Components.Pages.Operator;

namespace SecGroupAdmin.Web.Tests.Audit;

public class OperatorPageTests : AuditPageTestContext
{
    /// <summary>
    /// The page reads its figures and the tenants table's first page in the circuit (bUnit renders as a circuit with no
    /// prerendered state): several queries, beyond bUnit's default 1 s when the machine also runs the E2E suite.
    /// </summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("auditor")]
    [InlineData("cloud")]
    public void Operators_see_totals_the_chart_and_every_tenant_with_risk(string who)
    {
        SignInAs(who);
        var cut = Render<OperatorPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#tenants-table")), Wait);

        Assert.Equal("2", cut.Find("#card-tenants .stat-value").TextContent);
        // alpha: default + web; beta: default + db-beta.
        Assert.Equal("4", cut.Find("#card-groups .stat-value").TextContent);
        Assert.Equal("1", cut.Find("#card-risky .stat-value").TextContent);
        Assert.Contains("risk-card", cut.Find("#card-risky").ClassName);
        Assert.NotEmpty(cut.FindAll("#changes-chart svg"));

        // The table's page is read once the page is drawn (its own query).
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#tenants-table tbody tr.tenant-row").Count), Wait);
        var rows = cut.FindAll("#tenants-table tbody tr.tenant-row");
        var alpha = rows.Single(r => r.TextContent.Contains("alpha"));
        var beta = rows.Single(r => r.TextContent.Contains("beta"));
        Assert.Contains("risky", alpha.ClassName);
        Assert.Contains("1 risky", alpha.QuerySelector(".risk-chip")!.TextContent);
        Assert.Null(beta.QuerySelector(".risk-chip"));
        Assert.NotNull(beta.QuerySelector(".risk-chip-ok"));
        Assert.Equal("/t/alpha/groups", alpha.QuerySelector("a.tenant-link")!.GetAttribute("href"));
        // beta's group quota was raised to 20 by the CLI.
        Assert.Contains("/ 20", beta.TextContent);

        var risky = cut.Find("#risky-list .risky-rule");
        Assert.Contains("ALLOW IPv4 22/tcp from 0.0.0.0/0", risky.TextContent);
        Assert.Contains("web-frontend", risky.TextContent);
        Assert.Contains("sensitive port", risky.TextContent);
    }

    [Fact]
    public async Task The_figures_say_as_of_when_and_refresh_reads_them_again()
    {
        SignInAs("auditor");
        var cut = Render<OperatorPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#tenants-table")), Wait);
        Assert.Equal("As of 11:00:00 UTC", cut.Find("#overview-as-of").TextContent.Trim());
        Assert.Equal("2", cut.Find("#card-tenants .stat-value").TextContent);

        // A tenant created after the figures were read: the page shows the shared figures until Refresh.
        await World.Db.People.TenantAsync("gamma");
        World.Clock.Advance(TimeSpan.FromSeconds(10)); // within OperatorOverviewQuery.FreshFor
        var again = Render<OperatorPage>();
        again.WaitForAssertion(() => Assert.NotNull(again.Find("#tenants-table")), Wait);
        Assert.Equal("2", again.Find("#card-tenants .stat-value").TextContent);

        await again.InvokeAsync(() => again.Find("#refresh-overview").Click());
        again.WaitForAssertion(() => Assert.Equal("3", again.Find("#card-tenants .stat-value").TextContent), Wait);
        Assert.Equal("As of 11:00:10 UTC", again.Find("#overview-as-of").TextContent.Trim());
        again.WaitForAssertion(() => Assert.Equal(3, again.FindAll("#tenants-table tbody tr.tenant-row").Count), Wait);
    }

    [Fact]
    public void Tenant_search_filters_the_table()
    {
        SignInAs("auditor");
        var cut = Render<OperatorPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#tenants-table")), Wait);
        cut.Find("#tenant-search").Input("bet");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#tenants-table tbody tr.tenant-row")), Wait);
        Assert.Contains("beta", cut.Find("#tenants-table tbody tr.tenant-row").TextContent);
    }

    [Theory]
    [InlineData("adminA")]
    [InlineData("memberA")]
    [InlineData("readerA")]
    [InlineData("outsider")]
    public void Everyone_else_gets_the_not_authorized_view_and_no_data(string who)
    {
        SignInAs(who);
        var cut = Render<OperatorPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#not-authorized")), Wait);
        Assert.DoesNotContain("beta", cut.Markup);
        Assert.Empty(cut.FindAll("#tenants-table"));
    }

    [Fact]
    public void The_drill_down_groups_page_shows_an_auditor_no_edit_delete_or_create_control()
    {
        SignInAs("auditor");
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true)); // as in the app's circuit
        var cut = Render<GroupsPage>(p => p.Add(x => x.TenantName, "alpha"));
        cut.WaitForAssertion(() => Assert.Contains("web-frontend", cut.Find("#groups-table").TextContent), Wait);
        Assert.Empty(cut.FindAll("#create-group"));
        Assert.Empty(cut.FindAll(".edit-group"));
        Assert.Empty(cut.FindAll(".delete-group"));
        Assert.Empty(cut.FindAll("[aria-label^='Clone']"));
        Assert.Empty(cut.FindAll("[aria-label^='Edit']"));
        Assert.Empty(cut.FindAll("[aria-label^='Delete']"));
        Assert.Contains("auditor (read-only)", cut.Markup);
    }

    [Fact]
    public void The_same_groups_page_does_show_a_member_the_controls()
    {
        SignInAs("memberA");
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true)); // as in the app's circuit
        var cut = Render<GroupsPage>(p => p.Add(x => x.TenantName, "alpha"));
        cut.WaitForAssertion(() => Assert.Contains("web-frontend", cut.Find("#groups-table").TextContent), Wait);
        Assert.NotNull(cut.Find("#create-group"));
        Assert.NotEmpty(cut.FindAll(".edit-group"));
    }
}
