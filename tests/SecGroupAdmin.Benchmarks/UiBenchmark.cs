using System.Text.Json;
using Microsoft.Playwright;
using SecGroupAdmin.Testing;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// The ui suite, on the real app in this process and Debian's Chromium:
/// (a) time to an interactive group page holding 2,000 rules, from navigation start (performance.timeOrigin) to the
///     first moment the circuit is interactive (<c>#app-ready[data-interactive='true']</c>) AND a data row of
///     <c>#rules-grid</c> is in the DOM; recorded in the page by a MutationObserver installed before any page script
///     (AddInitScript), over fresh browser contexts (cold cache, new circuit each);
/// (b) server managed heap per open circuit: N pages on the home page, then N more on the group page, with full
///     collections in between; per circuit = heap delta / N, and the group page's cost beyond the framework's own
///     (the home page's); repeated for a few rounds, because one round moves by a few hundred KB from run to run.
/// </summary>
public static class UiBenchmark
{
    private const int Rules = 2_000;
    private const double TargetReadyMs = 1_500;
    private const double TargetExtraBytesPerCircuit = 1_000_000;

    // Runs before the page's own scripts: records (performance.now(), ms since navigation start) when the circuit
    // becomes interactive, when the first data row appears, and when both hold.
    private const string ReadyObserver = """
        (() => {
          const marks = {};
          window.__sgaMarks = marks;
          const rowSelector = '#rules-grid tbody tr .rule-sentence';
          const check = () => {
            const now = performance.now();
            const interactive = !!document.querySelector("#app-ready[data-interactive='true']");
            const rows = !!document.querySelector(rowSelector);
            if (interactive && marks.interactive === undefined) marks.interactive = now;
            if (rows && marks.rows === undefined) marks.rows = now;
            if (interactive && rows && marks.ready === undefined) { marks.ready = now; observer.disconnect(); }
          };
          const observer = new MutationObserver(check);
          observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-interactive'] });
        })();
        """;

    public static async Task<int> Run(string[] args)
    {
        var loads = BenchHost.IntOption(args, "--loads", 10, 3, 100);
        var circuits = BenchHost.IntOption(args, "--circuits", 20, 2, 60);
        var rounds = BenchHost.IntOption(args, "--rounds", 3, 1, 20);
        var only = args.FirstOrDefault(a => a is "--load-only" or "--memory-only");

        await using var host = await BenchHost.StartAsync(withBrowser: true);
        var tenant = await host.UnlimitedTenantAsync("bench");
        var owner = await host.People.PersonAsync("owner@bench.test", Role.Member, tenant.Name);
        var viewer = await host.People.PersonAsync("viewer@bench.test", Role.Member, tenant.Name);
        var groupId = await host.GroupWithRulesAsync(await host.People.CallerAsync(owner, tenant.Name), "big", Rules);
        var state = await host.SignInStateAsync(viewer.Email!);
        var groupPath = $"/t/{tenant.Name}/groups/{groupId}";
        Console.WriteLine($"UI benchmark: real app on {host.BaseUrl} (in-process), Chromium headless; group with {Rules:N0} rules");

        var pass = true;
        if (only != "--memory-only")
        {
            pass &= await MeasureLoadsAsync(host, state, groupPath, loads);
        }
        if (only != "--load-only")
        {
            pass &= await MeasureMemoryAsync(host, state, groupPath, circuits, rounds);
        }
        return pass ? 0 : 1;
    }

    private sealed record Marks(double Interactive, double Rows, double Ready, double ResponseStart, double DomContentLoaded);

    private static async Task<Marks> LoadOnceAsync(BenchHost host, string state, string path)
    {
        await using var context = await host.NewContextAsync(state);
        await context.AddInitScriptAsync(ReadyObserver);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => window.__sgaMarks && window.__sgaMarks.ready !== undefined",
            null, new() { Timeout = 30_000, PollingInterval = 50 });
        var json = await page.EvaluateAsync<JsonElement>("""
            () => {
              const n = performance.getEntriesByType('navigation')[0];
              const m = window.__sgaMarks;
              return { interactive: m.interactive, rows: m.rows, ready: m.ready,
                       responseStart: n ? n.responseStart : -1, domContentLoaded: n ? n.domContentLoadedEventEnd : -1 };
            }
            """);
        return new Marks(json.GetProperty("interactive").GetDouble(), json.GetProperty("rows").GetDouble(), json.GetProperty("ready").GetDouble(),
            json.GetProperty("responseStart").GetDouble(), json.GetProperty("domContentLoaded").GetDouble());
    }

    private static async Task<bool> MeasureLoadsAsync(BenchHost host, string state, string path, int loads)
    {
        // Warm-up: JIT, EF query cache, Chromium's own start-up.
        for (var i = 0; i < 2; i++)
        {
            await LoadOnceAsync(host, state, path);
            await host.WaitForCircuitsAsync(0);
        }
        var marks = new List<Marks>();
        for (var i = 0; i < loads; i++)
        {
            marks.Add(await LoadOnceAsync(host, state, path));
            await host.WaitForCircuitsAsync(0);
        }
        Console.WriteLine();
        Console.WriteLine($"(a) group page with {Rules:N0} rules, {loads} fresh contexts; ms from navigation start");
        Console.WriteLine($"{"mark",-46} {"median",9} {"p95",9} {"max",9}");
        void Row(string name, Func<Marks, double> pick)
        {
            var v = marks.Select(pick).ToList();
            Console.WriteLine($"{name,-46} {BenchHost.Percentile(v, 0.5),9:F0} {BenchHost.Percentile(v, 0.95),9:F0} {v.Max(),9:F0}");
        }
        Row("first byte of the prerendered page", m => m.ResponseStart);
        Row("DOMContentLoaded", m => m.DomContentLoaded);
        Row("first grid data row in the DOM", m => m.Rows);
        Row("circuit interactive (#app-ready)", m => m.Interactive);
        Row("interactive AND rows (the figure)", m => m.Ready);
        var ready = marks.Select(m => m.Ready).ToList();
        var p95 = BenchHost.Percentile(ready, 0.95);
        return BenchHost.Report(p95 < TargetReadyMs,
            $"group page interactive with rows: median {BenchHost.Percentile(ready, 0.5):F0} ms, p95 {p95:F0} ms (target < {TargetReadyMs:F0} ms)");
    }

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
