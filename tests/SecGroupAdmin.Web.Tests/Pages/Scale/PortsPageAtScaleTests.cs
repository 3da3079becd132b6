using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Web.Components.Pages.Ports;

namespace SecGroupAdmin.Web.Tests.Pages.Scale;

/// <summary>
/// The ports page with 10,000 ports in the tenant (seeded in bulk through EF, not through the services) and 500 in
/// another: it shows one page of 25, counts every match, and searches, sorts and pages in SQL, with the groups of the
/// shown ports only; nothing of the other tenant appears.
/// </summary>
public sealed class PortsPageAtScaleTests : PageTestContext
{
    public PortsPageAtScaleTests() => SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit

    private const int PortsInAcme = 10_000;

    private void Seed()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var db = OpenDb();
        var web = new Data.SecurityGroups.SecurityGroup
        {
            TenantId = Acme.Id, Name = "web", Description = "", Stateful = true, RevisionNumber = 1, CreatedAt = start, UpdatedAt = start,
        };
        db.SecurityGroups.Add(web);
        for (var i = 1; i <= PortsInAcme; i++)
        {
            var port = new Port
            {
                TenantId = Acme.Id, Name = $"vm-{i:D5}", NetworkId = $"net-{i % 7}", RevisionNumber = 1,
                CreatedAt = start.AddSeconds(i), UpdatedAt = start.AddSeconds(i),
            };
            if (i % 1_000 == 0)
            {
                port.SecurityGroups.Add(web);
            }
            db.Ports.Add(port);
        }
        for (var i = 1; i <= 500; i++)
        {
            db.Ports.Add(new Port { TenantId = Other.Id, Name = $"vm-other-{i:D5}", NetworkId = "net-x", CreatedAt = start, UpdatedAt = start });
        }
        db.SaveChanges();
    }

    private static List<string> Names(IRenderedComponent<ContainerFragment> cut) =>
        [.. cut.FindAll("#ports-table tbody tr .port-name").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task One_page_of_10000_ports_with_search_sort_and_paging_in_sql()
    {
        Seed();
        SignIn(Member);
        var cut = RenderPage<PortsPage>(("TenantName", "acme"));
        cut.WaitForAssertion(() => Assert.Equal(25, Names(cut).Count), TimeSpan.FromSeconds(10));

        // Oldest first; the pager counts the tenant's ports only.
        Assert.Equal([.. Enumerable.Range(1, 25).Select(i => $"vm-{i:D5}")], Names(cut));
        Assert.Matches(@"1-25\s+of\s+10,?000", cut.Find("#ports-pager").TextContent);
        Assert.DoesNotContain("vm-other", cut.Markup);

        // Name descending (the second click on the label), then the next page.
        await cut.InvokeAsync(() => cut.FindAll("#ports-table thead .mud-table-sort-label")[0].Click());
        await cut.InvokeAsync(() => cut.FindAll("#ports-table thead .mud-table-sort-label")[0].Click());
        cut.WaitForAssertion(() => Assert.Equal(["vm-10000", "vm-09999"], Names(cut).Take(2)));
        await cut.InvokeAsync(() => cut.Find("#ports-pager button[aria-label='Next page']").Click());
        cut.WaitForAssertion(() => Assert.Equal("vm-09975", Names(cut).FirstOrDefault()));
        Assert.Equal("vm-09951", Names(cut)[^1]);

        // Search by a bound group's name: the ten ports that carry "web", with their chip.
        await cut.InvokeAsync(() => cut.Find("#port-search").Input("WEB"));
        cut.WaitForAssertion(() => Assert.Equal(10, Names(cut).Count), TimeSpan.FromSeconds(5));
        Assert.Equal(10, cut.FindAll(".group-chip").Count);
        Assert.Matches(@"1-10\s+of\s+10(?!\d)", cut.Find("#ports-pager").TextContent);

        // Search by name: one port, and nothing of the other tenant even when the text matches there.
        await cut.InvokeAsync(() => cut.Find("#port-search").Input("vm-00042"));
        cut.WaitForAssertion(() => Assert.Equal(["vm-00042"], Names(cut)), TimeSpan.FromSeconds(5));
        await cut.InvokeAsync(() => cut.Find("#port-search").Input("vm-other"));
        cut.WaitForAssertion(() => Assert.Contains("No port matches", cut.Markup), TimeSpan.FromSeconds(5));
    }
}
