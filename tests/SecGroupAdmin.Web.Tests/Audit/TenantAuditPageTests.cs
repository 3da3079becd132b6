using Bunit;
using MudBlazor;
using SecGroupAdmin.Web.Components.Pages.Audit;

namespace SecGroupAdmin.Web.Tests.Audit;

public class TenantAuditPageTests : AuditPageTestContext
{
    private IRenderedComponent<TenantAuditPage> RenderAlpha(string who)
    {
        SignInAs(who);
        return Render<TenantAuditPage>(p => p.Add(x => x.TenantName, "alpha"));
    }

    [Theory]
    [InlineData("adminA")]
    [InlineData("auditor")]
    [InlineData("cloud")]
    public void Tenant_admin_auditor_and_cloud_admin_see_the_tenants_changes_and_nothing_of_other_tenants(string who)
    {
        var cut = RenderAlpha(who);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#audit-table .audit-row")));
        Assert.Equal("Audit log", cut.Find("#page-title").TextContent);
        var markup = cut.Markup;
        Assert.Contains("memberA@test.example", markup);
        Assert.Contains("web-frontend", markup);
        Assert.DoesNotContain("db-beta", markup);
        Assert.DoesNotContain("adminB@test.example", markup);
        Assert.DoesNotContain("cloud@test.example", markup);
        // The tenant page has no tenant column or filter.
        Assert.Empty(cut.FindAll("#filter-tenant"));
    }

    [Theory]
    [InlineData("memberA")]
    [InlineData("readerA")]
    [InlineData("outsider")]
    [InlineData("adminB")]
    public void Member_reader_outsider_and_another_tenants_admin_get_the_not_authorized_view_and_no_data(string who)
    {
        var cut = RenderAlpha(who);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#not-authorized")));
        Assert.Empty(cut.FindAll("#audit-table"));
        Assert.DoesNotContain("web-frontend", cut.Markup);
        Assert.DoesNotContain("memberA@test.example", cut.Markup);
    }

    [Fact]
    public void Unknown_tenant_gets_the_same_not_authorized_view()
    {
        SignInAs("cloud");
        var cut = Render<TenantAuditPage>(p => p.Add(x => x.TenantName, "no-such-tenant"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#not-authorized")));
    }

    [Fact]
    public async Task Action_filter_narrows_the_list_and_the_export_links_follow_it()
    {
        var cut = RenderAlpha("adminA");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#audit-table .audit-row")));
        var before = cut.FindAll("#audit-table .audit-row").Count;
        Assert.True(before >= 3, $"expected at least 3 rows, got {before}");

        var select = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Action");
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("update"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#audit-table .audit-row")));
        Assert.Contains("1 entry", cut.Find("#audit-count").TextContent);
        Assert.Equal("update", cut.Find(".audit-action").TextContent.Trim());
        Assert.Equal("/export/audit.csv?tenant=alpha&action=update", cut.Find("#export-csv").GetAttribute("href"));
        Assert.Equal("/export/audit.json?tenant=alpha&action=update", cut.Find("#export-json").GetAttribute("href"));

        // Clearing brings every entry back.
        cut.Find("#clear-filters").Click();
        cut.WaitForAssertion(() => Assert.Equal(before, cut.FindAll("#audit-table .audit-row").Count));
    }

    [Fact]
    public async Task Resource_type_and_date_filters_combine()
    {
        var cut = RenderAlpha("auditor");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#audit-table .audit-row")));
        var type = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Resource type");
        await cut.InvokeAsync(() => type.Instance.ValueChanged.InvokeAsync("security_group_rule"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#audit-table .audit-row")));
        Assert.Contains("22/tcp", cut.Find(".audit-summary").TextContent);

        // The SSH rule was added on day 2: a range ending on day 1 leaves nothing.
        var to = cut.FindComponents<MudDatePicker>().Single(d => d.Instance.Label == "To");
        await cut.InvokeAsync(() => to.Instance.DateChanged.InvokeAsync(AuditWorld.Start.UtcDateTime.Date));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#empty-state")));
        Assert.Contains("No entries match", cut.Markup);
    }

    [Fact]
    public async Task Actor_filter_matches_part_of_the_name()
    {
        var cut = RenderAlpha("adminA");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#audit-table .audit-row")));
        var actor = cut.FindComponents<MudTextField<string>>().Single(s => s.Instance.Label == "Actor");
        await cut.InvokeAsync(() => actor.Instance.ValueChanged.InvokeAsync("nobody-like-this"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#empty-state")));
        await cut.InvokeAsync(() => actor.Instance.ValueChanged.InvokeAsync("MEMBERa"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#audit-table .audit-row")));
        Assert.All(cut.FindAll(".audit-actor"), a => Assert.Equal("memberA@test.example", a.TextContent));
    }

    [Fact]
    public void Expanding_an_update_shows_the_changed_field_before_and_after()
    {
        var cut = RenderAlpha("adminA");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#audit-table .audit-row")));
        var row = cut.FindAll("#audit-table .audit-row").First(r => r.TextContent.Contains("update"));
        row.QuerySelector(".expand-entry")!.Click();

        var name = cut.Find(".audit-diff tr.diff-changed[data-field='name']");
        Assert.Equal("web", name.QuerySelector("td.old")!.TextContent);
        Assert.Equal("web-frontend", name.QuerySelector("td.new")!.TextContent);
        var revision = cut.Find(".audit-diff tr.diff-changed[data-field='revision_number']");
        Assert.NotNull(revision.QuerySelector("td.old"));
        // Unchanged fields are hidden until asked for.
        Assert.Empty(cut.FindAll(".audit-diff tr.diff-unchanged"));
        cut.Find(".toggle-unchanged").Click();
        Assert.NotEmpty(cut.FindAll(".audit-diff tr.diff-unchanged[data-field='description']"));

        // Collapsing hides it again.
        cut.FindAll("#audit-table .audit-row").First(r => r.TextContent.Contains("update")).QuerySelector(".expand-entry")!.Click();
        Assert.Empty(cut.FindAll(".audit-diff"));
    }

    [Fact]
    public void Expanding_a_rule_creation_shows_the_rule_in_words_and_every_field_as_added()
    {
        var cut = RenderAlpha("adminA");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#audit-table .audit-row")));
        var row = cut.FindAll("#audit-table .audit-row").First(r => r.TextContent.Contains("Rule"));
        row.QuerySelector(".expand-entry")!.Click();
        Assert.Equal("ALLOW IPv4 22/tcp from 0.0.0.0/0", cut.Find(".audit-diff .rule-after code").TextContent);
        var prefix = cut.Find(".audit-diff tr.diff-added[data-field='remote_ip_prefix']");
        Assert.Equal("0.0.0.0/0", prefix.QuerySelector("td.new")!.TextContent);
        Assert.Empty(cut.FindAll(".audit-diff tr.diff-removed"));
    }
}
