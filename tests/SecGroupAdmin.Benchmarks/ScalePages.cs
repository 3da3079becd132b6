using System.Globalization;
using Microsoft.Playwright;
using SecGroupAdmin.Testing;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// The scale suite's pages, in Debian's Chromium as a CloudAdmin, on the seeded database:
/// (a) cold loads (fresh browser context each) and warm ones: ms from navigation start until the circuit is
///     interactive (<c>#app-ready[data-interactive='true']</c>) AND a data row is in the DOM, with the other marks of
///     <see cref="PageLoad"/> (as the ui suite);
/// (b) in-app navigations on an interactive page (<c>Blazor.navigateTo</c> from the home page, over the open circuit):
///     ms from the call until the data rows of the audit page are in the DOM; the time a user waits for the first or
///     a filtered audit page once the app is open (server query + render + one round trip).
/// The data-row selectors are the pages' own markup; they are here, in one place, if a page changes.
/// </summary>
public static class ScalePages
{
    public const string Prefix = "page: ";
    private const string GroupsRow = "#groups-table .group-link";
    private const string OverviewRow = "#tenants-table .tenant-link";
    private const string AuditRow = "#audit-table .audit-when";

    private static readonly string GroupsLoad = Prefix + "groups page, 2,000 groups (cold load)";
    private static readonly string OverviewLoad = Prefix + "operator overview (cold load)";
    private static readonly string AuditLoad = Prefix + "audit log first page (cold load)";
    private static readonly string AuditFirst = Prefix + "audit log first page (in-app)";
    private static readonly string AuditFiltered = Prefix + "audit log tenant-filtered (in-app)";

    /// <summary>The target (ms, median) of a page row at the largest size, or null when the row has none.</summary>
    public static double? TargetOf(string name, double auditMs, double overviewMs, double groupsMs) =>
        name == GroupsLoad ? groupsMs : name == OverviewLoad ? overviewMs : name == AuditFirst || name == AuditFiltered ? auditMs : null;

    private const string InAppNavigation = """
        async ([url, selector]) => {
          const start = performance.now();
          const done = () => location.pathname + location.search === url && document.querySelector(selector);
          const wait = new Promise(resolve => {
            const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(); } });
            observer.observe(document, { childList: true, subtree: true });
          });
          Blazor.navigateTo(url);
          if (!done()) await wait;
          return performance.now() - start;
        }
        """;

    public static async Task MeasureAsync(TestAppHost host, ScaleManifest m, string email, int loads, bool coldPages, Action<string, double, double, int> record)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        var state = await SignInAsync(browser, host.BaseUrl, email);

        async Task Cold(string name, string path, string selector)
        {
            try
            {
                await ColdLoadsAsync(name, path, selector);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                Console.WriteLine($"    ! {name}: {e.Message.Split('\n')[0]}");
            }
        }

        async Task ColdLoadsAsync(string name, string path, string selector)
        {
            await using var warmContext = await MarkedContextAsync(browser, host.BaseUrl, state, selector);
            await LoadsAsync(name, () => ColdLoadAsync(browser, host.BaseUrl, state, path, selector));
            // A returning visitor: the same browser profile, the fingerprinted scripts and styles from its HTTP cache.
            await LoadsAsync(name.Replace("(cold load)", "(warm load)", StringComparison.Ordinal), () => PageLoad.OfAsync(warmContext, path, 120_000));
        }

        async Task LoadsAsync(string name, Func<Task<PageLoad>> load)
        {
            var ms = new List<double>();
            var parts = new List<PageLoad>();
            for (var i = 0; i < loads + 1; i++)
            {
                var t = await load();
                if (i > 0)
                {
                    ms.Add(t.Ready); // the first load is a warm-up (JIT, EF Core's query cache)
                    parts.Add(t);
                }
            }
            Report(name, ms, record);
            Console.WriteLine("      medians: " + string.Join(" · ", PageLoad.Marks.Select(m => $"{m.Name} {Median(parts, m.Of):F0}")) +
                $" · circuit socket asked {Median(parts, p => p.Socket):F0}, open {Median(parts, p => p.SocketOpen):F0} (ms)");
        }

        if (coldPages)
        {
            await Cold(GroupsLoad, $"/t/{m.GroupsTenant}/groups", GroupsRow);
            await Cold(OverviewLoad, "/operator", OverviewRow);
            await Cold(AuditLoad, "/operator/audit", AuditRow);
        }
        try
        {
            await using var context = await NewContextAsync(browser, host.BaseUrl, state);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
            await BenchHost.WaitForInteractiveAsync(page, 60_000);
            var first = new List<double>();
            var filtered = new List<double>();
            for (var i = 0; i < InAppWarmUps + loads * 2; i++)
            {
                var a = await InAppAsync(page, "/operator/audit");
                var b = await InAppAsync(page, $"/operator/audit?tenant={m.BigTenantId}");
                if (i >= InAppWarmUps)
                {
                    first.Add(a);
                    filtered.Add(b);
                }
            }
            Report(AuditFirst, first, record);
            Report(AuditFiltered, filtered, record);
            // Where one of each spends its time on the server: the SQL it runs, in ms from the navigation's start.
            var timeline = new ServerTimeline();
            foreach (var url in (string[])["/operator/audit", $"/operator/audit?tenant={m.BigTenantId}"])
            {
                await page.EvaluateAsync("() => Blazor.navigateTo('/')");
                await page.WaitForFunctionAsync($"() => location.pathname === '/' && !document.querySelector('{AuditRow}')", null, new() { Timeout = 60_000 });
                await Task.Delay(SettleMs);
                var trace = Environment.GetEnvironmentVariable("SGA_TRACE_INAPP");
                var chromium = trace is null ? null : await ChromiumTrace.StartAsync(page);
                timeline.Start();
                var ms = await page.EvaluateAsync<double>(InAppNavigation, new object[] { url, AuditRow });
                var server = timeline.Stop();
                if (chromium is not null)
                {
                    // The trace ends once the browser has painted the rows (two animation frames), not after a set time.
                    await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
                    var file = trace + (url.Contains('?', StringComparison.Ordinal) ? ".filtered.json" : ".first.json");
                    await chromium.StopAsync(file);
                    Console.WriteLine($"      trace written to {file}; DOM nodes: " + await page.EvaluateAsync<string>(
                        "() => ['body', '#audit-filters', '#audit-table', '#audit-table tbody', '#audit-pager', '.mud-appbar', '.mud-drawer'].map(s => s + ' ' + [...document.querySelectorAll(s)].reduce((n, e) => n + e.querySelectorAll('*').length, 0)).join(', ')"));
                }
                Console.WriteLine($"      {url} in-app: {ms:F0} ms in the browser; the server's SQL ({server.Count} commands, {server.Sum(e => e.Ms):F1} ms):");
                foreach (var (at, took, what) in server)
                {
                    Console.WriteLine($"      {at,8:F1} {(took > 0 ? $"+{took:F1}" : ""),7} {what}");
                }
            }
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            Console.WriteLine($"    ! audit in-app navigations: {e.Message.Split('\n')[0]}");
        }
    }

    private static async Task<double> InAppAsync(IPage page, string url)
    {
        await page.EvaluateAsync("() => Blazor.navigateTo('/')");
        await page.WaitForFunctionAsync($"() => location.pathname === '/' && !document.querySelector('{AuditRow}')", null, new() { Timeout = 60_000 });
        // A person clicks on a page that has finished drawing: let the home page's own reads and renders end first
        // (measured without this pause, the audit page shared the browser and the circuit with them: ~15 ms more).
        await Task.Delay(SettleMs);
        return await page.EvaluateAsync<double>(InAppNavigation, new object[] { url, AuditRow });
    }

    /// <summary>
    /// In-app navigations made, unmeasured, before the measured ones: a server that has been up a while runs its render
    /// code optimized (.NET's tiered JIT with dynamic PGO), which a page drawn a few times is not. On SQLite at 1,000,000
    /// rules, with nothing drawn before, the first 36 navigations took 52–72 ms and the ones after them 32–47 ms.
    /// </summary>
    private const int InAppWarmUps = 25;

    /// <summary>The pause on the home page before an in-app navigation is measured.</summary>
    private const int SettleMs = 250;

    private static void Report(string name, List<double> ms, Action<string, double, double, int> record)
    {
        var median = BenchHost.Percentile(ms, 0.5);
        var p95 = BenchHost.Percentile(ms, 0.95);
        Console.WriteLine($"  {name,-48} n={ms.Count,3} median {median,7:F0} ms  p95 {p95,7:F0} ms");
        Console.WriteLine($"      in order: {string.Join(' ', ms.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}");
        record(name, median, p95, ms.Count);
    }

    private static double Median(List<PageLoad> marks, Func<PageLoad, double> of) => BenchHost.Percentile([.. marks.Select(of)], 0.5);

    private static async Task<PageLoad> ColdLoadAsync(IBrowser browser, string baseUrl, string state, string path, string selector)
    {
        await using var context = await MarkedContextAsync(browser, baseUrl, state, selector);
        return await PageLoad.OfAsync(context, path, 120_000);
    }

    /// <summary>A browser context (its own HTTP cache) whose pages record their loads (<see cref="PageLoad"/>).</summary>
    private static async Task<IBrowserContext> MarkedContextAsync(IBrowser browser, string baseUrl, string state, string selector)
    {
        var context = await NewContextAsync(browser, baseUrl, state);
        await PageLoad.RecordAsync(context, selector);
        return context;
    }

    private static Task<IBrowserContext> NewContextAsync(IBrowser browser, string baseUrl, string state) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
            BaseURL = baseUrl,
            StorageState = state,
        });

    private static async Task<string> SignInAsync(IBrowser browser, string baseUrl, string email)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", BenchHost.Password);
        await page.ClickAsync("button[type='submit']");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await BenchHost.WaitForInteractiveAsync(page, 60_000);
        return await context.StorageStateAsync();
    }
}
