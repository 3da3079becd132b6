using Microsoft.Playwright;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Operations;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// The ui suite, on the real app in this process and Debian's Chromium:
/// (a) page loads, each mark of <see cref="PageLoad"/> (first byte, first contentful paint, rows visible,
///     DOMContentLoaded, circuit interactive, interactive with rows), median and p95, for the group page of a group
///     holding 2,000 rules, the groups list of a tenant with 2,000 groups and the operator overview; cold (a fresh
///     browser context each: nothing cached, a new circuit) and warm (one context: scripts and styles from its cache);
/// (b) server managed heap per open circuit: N pages on the home page, then N more on the group page, with full
///     collections in between; per circuit = heap delta / N, and the group page's cost beyond the framework's own
///     (the home page's); repeated for a few rounds, because one round moves by a few hundred KB from run to run.
/// </summary>
public static class UiBenchmark
{
    private const int Rules = 2_000;
    private const int Groups = 2_000;
    private const double TargetRowsVisibleMs = 300;
    private const double TargetContentLoadedMs = 300;
    private const double TargetReadyMs = 1_000;
    private const double TargetExtraBytesPerCircuit = 1_000_000;

    public static async Task<int> Run(string[] args)
    {
        var loads = BenchHost.IntOption(args, "--loads", 10, 3, 100);
        // A server that has served a few dozen pages, as one in use has: .NET's tiered JIT recompiles a method
        // optimized only after ~30 calls, and with 3 warm-up loads the circuit's first render still ran unoptimized
        // code (225 ms instead of ~95 in one traced load).
        var warmups = BenchHost.IntOption(args, "--warmups", 20, 0, 200);
        var circuits = BenchHost.IntOption(args, "--circuits", 20, 2, 60);
        var rounds = BenchHost.IntOption(args, "--rounds", 3, 1, 20);
        var only = args.FirstOrDefault(a => a is "--load-only" or "--memory-only");
        var pages = (args.SkipWhile(a => a != "--pages").Skip(1).FirstOrDefault() ?? "group,list,overview").Split(',');

        await using var host = await BenchHost.StartAsync(withBrowser: true);
        var tenant = await host.UnlimitedTenantAsync("bench");
        var owner = await host.People.PersonAsync("owner@bench.test", Role.Member, tenant.Name);
        var viewer = await host.People.PersonAsync("viewer@bench.test", Role.Member, tenant.Name);
        var groupId = await host.GroupWithRulesAsync(await host.People.CallerAsync(owner, tenant.Name), "big", Rules);
        var listTenant = await host.UnlimitedTenantAsync("groups2k");
        var listOwner = await host.People.PersonAsync("owner@groups2k.test", Role.Member, listTenant.Name);
        await host.GroupsAsync(await host.People.CallerAsync(listOwner, listTenant.Name), Groups);
        await host.People.GiveAsync(viewer, Role.Member, listTenant.Name);
        await host.People.PersonAsync("operator@bench.test", Role.CloudAdmin);
        var state = await host.SignInStateAsync(viewer.Email!);
        var groupPath = $"/t/{tenant.Name}/groups/{groupId}";
        Console.WriteLine($"UI benchmark: real app on {host.BaseUrl} (in-process), Chromium headless; a group with {Rules:N0} rules, a tenant with {Groups:N0} groups");

        var trace = args.SkipWhile(a => a != "--trace").Skip(1).FirstOrDefault();
        if (trace is not null)
        {
            await TraceOnceAsync(host, state, groupPath, trace, warmups);
            return 0;
        }
        var pass = true;
        if (only != "--memory-only")
        {
            await MeasureFloorAsync(host, state, loads, warmups);
            var operatorState = await host.SignInStateAsync("operator@bench.test");
            if (pages.Contains("group"))
            {
                pass &= await MeasureLoadsAsync(host, state, $"group page, {Rules:N0} rules", groupPath, GroupRow, loads, warmups);
            }
            if (pages.Contains("list"))
            {
                pass &= await MeasureLoadsAsync(host, state, $"groups list, {Groups:N0} groups", $"/t/{listTenant.Name}/groups", "#groups-table .group-link", loads, warmups);
            }
            if (pages.Contains("overview"))
            {
                pass &= await MeasureLoadsAsync(host, operatorState, "operator overview", "/operator", "#tenants-table .tenant-link", loads, warmups);
            }
        }
        if (only != "--load-only")
        {
            pass &= await MeasureMemoryAsync(host, state, groupPath, circuits, rounds);
        }
        return pass ? 0 : 1;
    }

    private const string GroupRow = "#rules-grid tbody tr .rule-sentence";

    /// <summary>Warm-up loads (<c>--warmups</c>, as for the measured loads), then one load under Chromium's tracing (devtools timeline), written to <paramref name="path"/> with the prerendered HTML beside it.</summary>
    private static async Task TraceOnceAsync(BenchHost host, string state, string groupPath, string path, int warmups)
    {
        for (var i = 0; i < warmups; i++)
        {
            await ColdLoadAsync(host, state, groupPath, GroupRow);
            await host.WaitForCircuitsAsync(0);
        }
        await using var context = await host.NewContextAsync(state);
        await PageLoad.RecordAsync(context, GroupRow);
        var page = await context.NewPageAsync();
        var trace = await ChromiumTrace.StartAsync(page);
        host.Timeline.Start();
        await page.GotoAsync(groupPath, new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
        await Task.Delay(4_000);
        var server = host.Timeline.Stop();
        await trace.StopAsync(path);
        var html = await (await page.APIRequest.GetAsync(groupPath)).TextAsync();
        await File.WriteAllTextAsync(path + ".html", html);
        Console.WriteLine($"trace written to {path}; prerendered HTML {html.Length:N0} chars");
        Console.WriteLine("the server's side of that load, ms from the navigation:");
        foreach (var (at, ms, what) in server)
        {
            Console.WriteLine($"{at,8:F1} {(ms > 0 ? $"+{ms:F1}" : ""),7} {what}");
        }
    }

    private static async Task<PageLoad> ColdLoadAsync(BenchHost host, string state, string path, string rowSelector)
    {
        await using var context = await host.NewContextAsync(state);
        await PageLoad.RecordAsync(context, rowSelector);
        return await PageLoad.OfAsync(context, path);
    }

    /// <summary>Cold and warm loads of one page; prints every mark's median and p95, and whether the targets are met.</summary>
    private static async Task<bool> MeasureLoadsAsync(BenchHost host, string state, string name, string path, string rowSelector, int loads, int warmups)
    {
        // Warm-up: JIT (to the optimized tier), EF Core's query cache, Chromium's own start-up.
        for (var i = 0; i < warmups; i++)
        {
            await ColdLoadAsync(host, state, path, rowSelector);
            await host.WaitForCircuitsAsync(0);
        }
        var cold = new List<PageLoad>();
        for (var i = 0; i < loads; i++)
        {
            cold.Add(await ColdLoadAsync(host, state, path, rowSelector));
            await host.WaitForCircuitsAsync(0);
        }
        var warm = new List<PageLoad>();
        await using (var context = await host.NewContextAsync(state))
        {
            await PageLoad.RecordAsync(context, rowSelector);
            await PageLoad.OfAsync(context, path); // fills the context's HTTP cache
            await host.WaitForCircuitsAsync(0);
            for (var i = 0; i < loads; i++)
            {
                warm.Add(await PageLoad.OfAsync(context, path));
                await host.WaitForCircuitsAsync(0);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"(a) {name} ({path}), {loads} cold loads (fresh browser context each) and {loads} warm (cached scripts and styles); ms from navigation start");
        Console.WriteLine($"{"mark",-28} {"cold median",12} {"cold p95",9} {"warm median",12} {"warm p95",9}");
        foreach (var (mark, of) in PageLoad.Marks)
        {
            Console.WriteLine($"{mark,-28} {Median(cold, of),12:F0} {P95(cold, of),9:F0} {Median(warm, of),12:F0} {P95(warm, of),9:F0}");
        }
        if (Environment.GetEnvironmentVariable("SGA_BENCH_EACH") == "1")
        {
            foreach (var (kind, list) in new[] { ("cold", cold), ("warm", warm) })
            {
                Console.WriteLine($"{kind}, each load (first byte / rows visible / DOMContentLoaded / interactive with rows): " +
                    string.Join("  ", list.Select(m => $"{m.FirstByte:F0}/{m.RowsVisible:F0}/{m.ContentLoaded:F0}/{m.Ready:F0}")));
            }
        }
        var pass = true;
        foreach (var (loadsOf, kind) in new[] { (cold, "cold"), (warm, "warm") })
        {
            var rows = P95(loadsOf, m => m.RowsVisible);
            var loaded = P95(loadsOf, m => m.ContentLoaded);
            var ready = P95(loadsOf, m => m.Ready);
            pass &= BenchHost.Report(rows < TargetRowsVisibleMs && loaded < TargetContentLoadedMs && ready < TargetReadyMs,
                $"{name}, {kind}: p95 rows visible {rows:F0} ms (target < {TargetRowsVisibleMs:F0}), DOMContentLoaded {loaded:F0} ms (< {TargetContentLoadedMs:F0}), " +
                $"interactive with rows {ready:F0} ms (< {TargetReadyMs:F0})");
        }
        return pass;
    }

    /// <summary>
    /// What this browser on this machine takes for the smallest page there is, as a floor for the marks above: the
    /// app's liveness answer (a few bytes of text, no stylesheet, no script) in a fresh context each time, first byte and
    /// first contentful paint. The spread of its p95 is the machine's, not the app's.
    /// </summary>
    private static async Task MeasureFloorAsync(BenchHost host, string state, int loads, int warmups)
    {
        var marks = new List<(double FirstByte, double Paint)>();
        for (var i = 0; i < loads + Math.Min(warmups, 5); i++)
        {
            await using var context = await host.NewContextAsync(state);
            var page = await context.NewPageAsync();
            await page.GotoAsync(HealthEndpoints.AlivePath);
            var m = await page.EvaluateAsync<double[]>("""
                () => new Promise(resolve => new PerformanceObserver(list => {
                  for (const e of list.getEntries()) if (e.name === 'first-contentful-paint')
                    resolve([performance.getEntriesByType('navigation')[0].responseStart, e.startTime]);
                }).observe({ type: 'paint', buffered: true }))
                """);
            if (i >= Math.Min(warmups, 5))
            {
                marks.Add((m[0], m[1]));
            }
        }
        var firstByte = marks.Select(m => m.FirstByte).ToArray();
        var paint = marks.Select(m => m.Paint).ToArray();
        Console.WriteLine();
        Console.WriteLine($"floor: the liveness answer ({HealthEndpoints.AlivePath}, text, no styles or scripts), {loads} cold loads: first byte median {BenchHost.Percentile(firstByte, 0.5):F0} / p95 {BenchHost.Percentile(firstByte, 0.95):F0} ms, " +
            $"first contentful paint median {BenchHost.Percentile(paint, 0.5):F0} / p95 {BenchHost.Percentile(paint, 0.95):F0} ms");
    }

    private static double Median(List<PageLoad> loads, Func<PageLoad, double> of) => BenchHost.Percentile([.. loads.Select(of)], 0.5);

    private static double P95(List<PageLoad> loads, Func<PageLoad, double> of) => BenchHost.Percentile([.. loads.Select(of)], 0.95);

    /// <summary>Opens <paramref name="count"/> pages on <paramref name="path"/> (one context each) and waits until each is interactive.</summary>
    private static async Task<List<IBrowserContext>> OpenPagesAsync(BenchHost host, string state, string path, int count, bool waitForRows)
    {
        var contexts = new List<IBrowserContext>();
        for (var i = 0; i < count; i++)
        {
            var context = await host.NewContextAsync(state);
            contexts.Add(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
            await BenchHost.WaitForInteractiveAsync(page);
            if (waitForRows)
            {
                await page.WaitForSelectorAsync("#rules-grid tbody tr .rule-sentence", new() { Timeout = 30_000 });
            }
        }
        return contexts;
    }

    /// <summary>
    /// The settled heap once it stops moving: render batches acknowledged, pools trimmed. Reads every 1.5 s until two
    /// readings in a row differ by less than 64 KB (at most 8 readings), and returns the last.
    /// </summary>
    private static async Task<long> QuietHeapAsync()
    {
        long previous = -1;
        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(1_500);
            var now = BenchHost.SettledHeapBytes();
            if (previous >= 0 && Math.Abs(now - previous) < 65_536)
            {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static async Task<bool> MeasureMemoryAsync(BenchHost host, string state, string groupPath, int n, int rounds)
    {
        // Warm-up: a few circuits of each kind, then closed, so one-off caches (JIT, EF model, MudBlazor) are filled first.
        await CloseAsync(await OpenPagesAsync(host, state, "/", 2, waitForRows: false));
        await CloseAsync(await OpenPagesAsync(host, state, groupPath, 2, waitForRows: true));
        await host.WaitForCircuitsAsync(0);

        Console.WriteLine();
        Console.WriteLine($"(b) server managed heap (GC.GetTotalMemory after forced full collections), {n} circuits of each kind, {rounds} rounds; KB per circuit");
        Console.WriteLine($"{"round",-6} {"no circuit MB",14} {"+home MB",10} {"+group MB",10} {"closed MB",10} {"home",8} {"group",8} {"beyond home",12}");
        var extras = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var before = await QuietHeapAsync();
            var home = await OpenPagesAsync(host, state, "/", n, waitForRows: false);
            await host.WaitForCircuitsAsync(n);
            var withHome = await QuietHeapAsync();
            var groups = await OpenPagesAsync(host, state, groupPath, n, waitForRows: true);
            await host.WaitForCircuitsAsync(2 * n);
            var withGroups = await QuietHeapAsync();
            await CloseAsync(groups);
            await CloseAsync(home);
            await host.WaitForCircuitsAsync(0);
            var after = await QuietHeapAsync();

            double homePer = (withHome - before) / (double)n;
            double groupPer = (withGroups - withHome) / (double)n;
            extras.Add(groupPer - homePer);
            Console.WriteLine($"{round,-6} {before / 1048576.0,14:F2} {withHome / 1048576.0,10:F2} {withGroups / 1048576.0,10:F2} {after / 1048576.0,10:F2} " +
                $"{homePer / 1024,8:F0} {groupPer / 1024,8:F0} {(groupPer - homePer) / 1024,12:F0}");
        }
        var median = BenchHost.Percentile(extras, 0.5);
        Console.WriteLine($"group page beyond the home page's per-circuit cost: median {median / 1024:F0} KB, min {extras.Min() / 1024:F0} KB, max {extras.Max() / 1024:F0} KB");
        return BenchHost.Report(median < TargetExtraBytesPerCircuit,
            $"group page costs {median / 1e6:F2} MB per circuit beyond the home page's (median of {rounds} rounds, max {extras.Max() / 1e6:F2} MB; target < {TargetExtraBytesPerCircuit / 1e6:F0} MB)");
    }

    private static async Task CloseAsync(List<IBrowserContext> contexts)
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }
}
