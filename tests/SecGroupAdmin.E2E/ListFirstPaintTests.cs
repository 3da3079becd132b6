using System.Collections.Concurrent;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Data;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>
/// The list pages' first screen (Shared/FirstPageTable) in Chromium, on an app whose every SQL command is recorded:
/// the prerendered HTML has the first page of rows, the circuit takes over without ever emptying them and without
/// reading them again, a reader of another tenant gets no rows, and the live table then searches and refreshes.
/// </summary>
public sealed class ListFirstPaintTests : IAsyncLifetime
{
    // Runs before any page script: after every batch of DOM changes, whether rows matching the selector are shown;
    // once they were, they must stay (an emptied table is a flash). Also counts them when the HTML is parsed.
    private const string RowWatcher = """
        (selector => {
          const seen = { rows: false, emptied: false, atDomContentLoaded: -1 };
          window.__firstPaint = seen;
          const count = () => [...document.querySelectorAll(selector)].filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden').length;
          const check = () => { if (count() > 0) { seen.rows = true; } else if (seen.rows) { seen.emptied = true; } };
          new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
          document.addEventListener('DOMContentLoaded', () => { seen.atDomContentLoaded = count(); check(); });
        })
        """;

    private readonly ConcurrentQueue<string> commands = new();
    private TestAppHost host = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        host = TestAppHost.Start(new TestAppOptions
        {
            Configure = web => web.ConfigureTestServices(services =>
                services.AddSingleton<IDbContextFactory<AppDbContext>>(sp =>
                    new RecordingDbContextFactory(sp.GetRequiredService<DbContextOptions<AppDbContext>>(), commands))),
        });
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await host.DisposeAsync();
    }

    private int Reads(string table) => commands.Count(c => c.Contains($"\"{table}\"", StringComparison.Ordinal));

    private async Task<IBrowserContext> SignedInAsync(string email)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
            BaseURL = host.BaseUrl,
        });
        await AppFixture.SignInAsync(await context.NewPageAsync(), email, PeopleSeeder.Password);
        return context;
    }

    [Fact]
    public async Task Groups_list_prerenders_its_first_page_and_the_circuit_takes_it_over_without_a_flash_or_a_second_read()
    {
        await host.People.TenantAsync("lists", groupQuota: -1, ruleQuota: -1);
        await host.People.TenantAsync("elsewhere");
        var user = await host.People.PersonAsync("lists@lists.test", Role.Member, "lists");
        await host.People.PersonAsync("outsider@lists.test", Role.Member, "elsewhere");
        var caller = await host.People.CallerAsync(user, "lists");
        var service = host.Services.GetRequiredService<SecurityGroupService>();
        for (var i = 0; i < 40; i++)
        {
            await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm($"g-{i:000}", $"group {i}", startEmpty: true));
        }
        const string path = "/t/lists/groups";

        // A reader of another tenant: no rows in the prerendered page either.
        await using (var outsider = await SignedInAsync("outsider@lists.test"))
        {
            var html = await (await outsider.APIRequest.GetAsync(path)).TextAsync();
            Assert.DoesNotContain("g-000", html, StringComparison.Ordinal);
            Assert.DoesNotContain("group-link", html, StringComparison.Ordinal);
        }

        await using var context = await SignedInAsync("lists@lists.test");
        var page = context.Pages[0];

        // The first 25 groups by name and the total, in the prerendered HTML and at once in Chromium.
        var prerendered = await AssertFirstPaintAsync(context, path, "#groups-table tbody tr .group-link", "SecurityGroups");
        Assert.Contains("g-000", prerendered, StringComparison.Ordinal);
        Assert.DoesNotContain("g-030", prerendered, StringComparison.Ordinal);
        Assert.Matches("1[–-]25 of 4[01]", prerendered);

        // Then the live table: live refresh, search in SQL, paging.
        await AppFixture.OpenAsync(page, path);
        await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm("a-live", "made elsewhere", startEmpty: true));
        await Assertions.Expect(page.Locator("#groups-table")).ToContainTextAsync("a-live");
        await page.Locator("#group-search").FillAsync("g-033");
        await Assertions.Expect(page.Locator("#groups-table .group-link")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#groups-table .group-link")).ToHaveTextAsync("g-033");
    }

    [Fact]
    public async Task Ports_list_prerenders_its_first_page_and_the_circuit_takes_it_over_without_a_flash_or_a_second_read()
    {
        var tenant = await host.People.TenantAsync("portlist", groupQuota: -1, ruleQuota: -1);
        await host.People.TenantAsync("elsewhere");
        var user = await host.People.PersonAsync("ports@lists.test", Role.Member, "portlist");
        await host.People.PersonAsync("outsider@lists.test", Role.Member, "elsewhere");
        var caller = await host.People.CallerAsync(user, "portlist");
        var web = await host.Services.GetRequiredService<SecurityGroupService>()
            .CreateGroupAsync(caller, GroupCreateRequest.FromForm("web", "", startEmpty: true));
        var ports = host.Services.GetRequiredService<PortService>();
        for (var i = 0; i < 30; i++)
        {
            await ports.CreatePortAsync(caller, new PortCreateRequest { Name = $"p-{i:000}", NetworkId = "net-a", SecurityGroupIds = [web.Id], ProjectId = tenant.Id });
        }
        const string path = "/t/portlist/ports";

        // A member of another tenant: no rows in the prerendered page either.
        await using (var outsider = await SignedInAsync("outsider@lists.test"))
        {
            var html = await (await outsider.APIRequest.GetAsync(path)).TextAsync();
            Assert.DoesNotContain("p-000", html, StringComparison.Ordinal);
            Assert.DoesNotContain("port-name", html, StringComparison.Ordinal);
        }

        await using var context = await SignedInAsync("ports@lists.test");
        var page = context.Pages[0];

        // The first 25 ports (oldest first) with their groups and the total, in the prerendered HTML and at once in Chromium.
        var prerendered = await AssertFirstPaintAsync(context, path, "#ports-table tbody tr .port-name", "Ports");
        Assert.Contains("p-000", prerendered, StringComparison.Ordinal);
        Assert.Contains("group-chip", prerendered, StringComparison.Ordinal);
        Assert.DoesNotContain("p-027", prerendered, StringComparison.Ordinal);
        Assert.Matches("1[–-]25 of 30", prerendered);

        // Then the live table: search in SQL and the buttons act through the circuit's caller.
        await AppFixture.OpenAsync(page, path);
        await page.Locator("#port-search").FillAsync("p-029");
        await Assertions.Expect(page.Locator("#ports-table .port-name")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#ports-table .port-name")).ToHaveTextAsync("p-029");
        await page.Locator("#ports-table .delete-port").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#ports-table .port-name")).ToHaveCountAsync(0);
        Assert.Equal(29, (await ports.ListPortsAsync(caller)).Count);
    }

    [Fact]
    public async Task Audit_logs_prerender_their_first_page_and_the_circuit_takes_it_over_without_a_flash_or_a_second_read()
    {
        await host.People.TenantAsync("audited", groupQuota: -1, ruleQuota: -1);
        await host.People.TenantAsync("elsewhere");
        var user = await host.People.PersonAsync("admin@audited.test", Role.TenantAdmin, "audited");
        await host.People.PersonAsync("outsider@lists.test", Role.Member, "elsewhere");
        await host.People.PersonAsync("auditor@lists.test", Role.Auditor);
        var caller = await host.People.CallerAsync(user, "audited");
        var service = host.Services.GetRequiredService<SecurityGroupService>();
        for (var i = 0; i < 30; i++)
        {
            await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm($"audited-{i:000}", "", startEmpty: true));
        }
        const string path = "/t/audited/audit";

        // A member of another tenant: no entries in the prerendered page either.
        await using (var outsider = await SignedInAsync("outsider@lists.test"))
        {
            var html = await (await outsider.APIRequest.GetAsync(path)).TextAsync();
            Assert.DoesNotContain("audited-0", html, StringComparison.Ordinal);
            Assert.DoesNotContain("audit-actor", html, StringComparison.Ordinal);
        }

        // The tenant's admin: the newest 25 entries in the prerendered HTML and at once in Chromium, read once.
        await using (var admin = await SignedInAsync("admin@audited.test"))
        {
            var prerendered = await AssertFirstPaintAsync(admin, path, "#audit-table tbody tr .audit-actor", "AuditEntries");
            Assert.Contains("audited-029", prerendered, StringComparison.Ordinal);
            Assert.DoesNotContain("audited-000", prerendered, StringComparison.Ordinal);
            Assert.Matches("1(&#x2013;|[–-])25 of [3-9][0-9] entries", prerendered);
            Assert.Equal(25, System.Text.RegularExpressions.Regex.Count(prerendered, "class=\"mud-table-cell audit-actor\""));

            // Then the live log filters in SQL through the circuit's caller.
            var page = admin.Pages[0];
            await AppFixture.OpenAsync(page, path);
            await page.Locator("#audit-pager .mud-pagination-item button", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^2$") }).ClickAsync();
            await Assertions.Expect(page.Locator("#audit-table")).ToContainTextAsync("audited-000");
        }

        // The all-tenants log for an auditor, filtered by the query string's tenant.
        await using var auditor = await SignedInAsync("auditor@lists.test");
        var all = await AssertFirstPaintAsync(auditor, "/operator/audit?tenant=audited", "#audit-table tbody tr .audit-actor", "AuditEntries");
        Assert.Contains("audited-029", all, StringComparison.Ordinal);
        Assert.Contains("auditor (read-only)", all, StringComparison.Ordinal);
    }

    /// <summary>
    /// Loads <paramref name="path"/> twice with the context's cookie: once as the prerendering alone (plain HTTP, no
    /// circuit: rows must be in the HTML), once in Chromium up to the live table: rows in the parsed HTML before the
    /// circuit, never emptied at takeover, and no more reads of <paramref name="table"/> than the prerendering's.
    /// The prerendering is measured on a second load: what a page shares between loads for a while (the operator
    /// overview's figures, OperatorOverviewQuery.FreshFor) is read by the first and not by Chromium's, which comes
    /// right after. Returns the prerendered HTML.
    /// </summary>
    private async Task<string> AssertFirstPaintAsync(IBrowserContext context, string path, string rowSelector, string table)
    {
        await (await context.APIRequest.GetAsync(path)).TextAsync();
        commands.Clear();
        var prerendered = await (await context.APIRequest.GetAsync(path)).TextAsync();
        var prerenderReads = Reads(table);
        Assert.True(prerenderReads > 0);

        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync($"({RowWatcher})('{rowSelector}')");
        commands.Clear();
        await page.GotoAsync(path);
        await AppFixture.WaitForInteractiveAsync(page);
        await AppFixture.WaitForLiveGridAsync(page);
        await Assertions.Expect(page.Locator(rowSelector).First).ToBeVisibleAsync();
        var seen = await page.EvaluateAsync<Dictionary<string, object>>("() => window.__firstPaint");
        Assert.True(Convert.ToInt32(seen["atDomContentLoaded"], System.Globalization.CultureInfo.InvariantCulture) > 0, "rows in the prerendered DOM");
        Assert.Equal(false, seen["emptied"]);
        Assert.Equal(prerenderReads, Reads(table));
        await page.CloseAsync();
        return prerendered;
    }

    [Fact]
    public async Task Operator_overview_prerenders_its_totals_and_first_tenants_page_and_the_circuit_takes_them_over()
    {
        await host.People.PersonAsync("op@lists.test", Role.CloudAdmin);
        await host.People.TenantAsync("zz-member-home");
        await host.People.PersonAsync("member@lists.test", Role.Member, "zz-member-home");
        for (var i = 0; i < 30; i++)
        {
            await host.People.TenantAsync($"t-{i:00}");
        }
        const string path = "/operator";

        // Not an operator: no totals and no tenants in the prerendered page either.
        await using (var member = await SignedInAsync("member@lists.test"))
        {
            var html = await (await member.APIRequest.GetAsync(path)).TextAsync();
            Assert.DoesNotContain("tenant-link", html, StringComparison.Ordinal);
            Assert.DoesNotContain("card-tenants", html, StringComparison.Ordinal);
        }

        await using var context = await SignedInAsync("op@lists.test");
        var prerendered = await AssertFirstPaintAsync(context, path, "#tenants-table tbody tr .tenant-link", "Ports"); // the tenants page reads ports (so do the overview's shared figures); the tenant switcher reads tenants
        Assert.Contains("card-tenants", prerendered, StringComparison.Ordinal);
        Assert.Contains("t-00", prerendered, StringComparison.Ordinal);
        Assert.DoesNotContain("zz-member-home", prerendered, StringComparison.Ordinal);
        Assert.Matches("1[–-]25 of 3[0-9]", prerendered);

        // Then the live table searches in SQL.
        var page = context.Pages[0];
        await AppFixture.OpenAsync(page, path);
        await page.Locator("#tenant-search").FillAsync("zz-member");
        // The count first: the 25 rows before the search's answer would make a text check on one row a strict-mode error.
        await Assertions.Expect(page.Locator("#tenants-table .tenant-link")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#tenants-table .tenant-link")).ToHaveTextAsync("zz-member-home");
    }
}
