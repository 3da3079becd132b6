using Bunit;
using Bunit.Rendering;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.Components.Pages.Admin;

namespace SecGroupAdmin.Web.Tests.Pages.Scale;

/// <summary>
/// "Tenants and users" with 1,000 more tenants and 10,000 more users (seeded in bulk through EF): each tab shows one
/// page of 25, counts every row, and searches, sorts and pages in SQL.
/// </summary>
public sealed class TenantsAdminPageAtScaleTests : PageTestContext
{
    private const int ExtraTenants = 1_000;
    private const int ExtraUsers = 10_000;

    private void Seed()
    {
        using var db = OpenDb();
        var tenants = Enumerable.Range(1, ExtraTenants).Select(i => new Tenant { Name = $"t-{i:D4}" }).ToList();
        db.Tenants.AddRange(tenants);
        for (var i = 1; i <= ExtraUsers; i++)
        {
            var email = $"user-{i:D5}@scale.test";
            var user = new ApplicationUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                SecurityStamp = Guid.NewGuid().ToString(),
            };
            db.Users.Add(user);
            // Ten members in each tenant; tenant t-0007 gets one more, so it leads by members.
            db.Memberships.Add(new Membership { UserId = user.Id, TenantId = tenants[(i - 1) % ExtraTenants].Id });
            if (i == ExtraUsers)
            {
                db.Memberships.Add(new Membership { UserId = user.Id, TenantId = tenants[6].Id });
            }
        }
        db.SaveChanges();
    }

    private static List<string> Texts(IRenderedComponent<ContainerFragment> cut, string selector) =>
        [.. cut.FindAll(selector).Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task One_page_of_1000_tenants_and_10000_users_with_search_sort_and_paging_in_sql()
    {
        Seed();
        SignIn(CloudAdmin);
        var cut = RenderPage<TenantsAdminPage>();
        cut.WaitForAssertion(() => Assert.Equal(25, Texts(cut, ".tenant-link").Count), TimeSpan.FromSeconds(10));

        // By name: acme, other, then t-0001…; the tabs and the pager count every row.
        Assert.Equal(["acme", "other", "t-0001"], Texts(cut, ".tenant-link").Take(3));
        Assert.Matches(@"1-25\s+of\s+1,?002", cut.Find("#tenants-pager").TextContent);
        Assert.Contains("Tenants (1002)", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Users (10006)", cut.Markup, StringComparison.Ordinal);

        // Members ascending (other has one member), then descending (t-0007 has eleven).
        await cut.InvokeAsync(() => cut.FindAll("#tenants-table thead .mud-table-sort-label")[1].Click());
        cut.WaitForAssertion(() => Assert.Equal("other", Texts(cut, ".tenant-link").FirstOrDefault()));
        await cut.InvokeAsync(() => cut.FindAll("#tenants-table thead .mud-table-sort-label")[1].Click());
        cut.WaitForAssertion(() => Assert.Equal("t-0007", Texts(cut, ".tenant-link").FirstOrDefault()));

        // Search tenants in SQL.
        await cut.InvokeAsync(() => cut.Find("#tenant-search").Input("T-099"));
        cut.WaitForAssertion(() => Assert.Equal(10, Texts(cut, ".tenant-link").Count), TimeSpan.FromSeconds(5));
        Assert.All(Texts(cut, ".tenant-link"), n => Assert.StartsWith("t-099", n, StringComparison.Ordinal));

        // Users: first page by email, the last page, and a search by a tenant's name.
        await cut.InvokeAsync(() => cut.FindAll(".mud-tab").First(t => t.TextContent.Contains("Users", StringComparison.Ordinal)).Click());
        cut.WaitForAssertion(() => Assert.Equal(25, Texts(cut, ".user-email").Count), TimeSpan.FromSeconds(10));
        Assert.Matches(@"1-25\s+of\s+10,?006", cut.Find("#users-pager").TextContent);
        await cut.InvokeAsync(() => cut.Find("#users-pager button[aria-label='Last page']").Click());
        cut.WaitForAssertion(() => Assert.Equal("user-10000@scale.test", Texts(cut, ".user-email").LastOrDefault()), TimeSpan.FromSeconds(5));
        await cut.InvokeAsync(() => cut.Find("#user-search").Input("t-0500"));
        cut.WaitForAssertion(() => Assert.Equal(10, Texts(cut, ".user-email").Count), TimeSpan.FromSeconds(5));
        Assert.Contains("user-00500@scale.test", Texts(cut, ".user-email"));
    }
}
