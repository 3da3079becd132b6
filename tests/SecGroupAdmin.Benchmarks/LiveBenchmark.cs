using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// The live suite, on the real app in this process:
/// (a) commit to screen: a Chromium page signed in as another user is open on a group; for each change the clock
///     starts just before <c>SecurityGroupService.CreateRuleAsync</c> is called and stops when the new rule's
///     description is in <c>#rules-grid</c>, as seen by an in-page MutationObserver that hands its performance.now()
///     to the harness through <c>page.ExposeFunctionAsync</c>; page time is mapped onto the server's Stopwatch by
///     an offset taken from the round trip with the smallest delay (re-taken every 10 changes). Each rule is
///     deleted again (untimed, and its disappearance awaited) so the group keeps its size and the next rule, of
///     protocol "any", sorts to the top of the virtualised grid. Run on an empty group and on one with 2,000 rules.
/// (b) fan-out: 200 <see cref="HubConnection"/>s (WebSockets, one API token each) joined to one group on
///     <c>/hubs/changes</c>; for each change the time from just before CreateRuleAsync to each client's handler,
///     all on this process's Stopwatch.
/// </summary>
public static class LiveBenchmark
{
    private const double TargetScreenP95Ms = 250;
    private const double TargetFanOutP95Ms = 100;
    private const int Warmup = 3;

    public static async Task<int> Run(string[] args)
    {
        var changes = BenchHost.IntOption(args, "--changes", 50, 5, 500);
        var clients = BenchHost.IntOption(args, "--clients", 200, 1, 1_000);
        var fanOutChanges = BenchHost.IntOption(args, "--fanout-changes", 20, 3, 200);
        var rules = BenchHost.IntOption(args, "--rules", 2_000, 0, 10_000);
        var only = args.FirstOrDefault(a => a is "--screen-only" or "--fanout-only");

        await using var host = await BenchHost.StartAsync(withBrowser: only != "--fanout-only");
        var tenant = await host.UnlimitedTenantAsync("bench");
        var alice = await host.People.PersonAsync("alice@bench.test", Role.Member, tenant.Name);
        var bob = await host.People.PersonAsync("bob@bench.test", Role.Member, tenant.Name);
        var aliceCaller = await host.People.CallerAsync(alice, tenant.Name);
        Console.WriteLine($"Live benchmark: real app on {host.BaseUrl} (in-process)");

        var pass = true;
        if (only != "--fanout-only")
        {
            var state = await host.SignInStateAsync(bob.Email!);
            var sizes = rules == 0 ? new[] { 0 } : new[] { 0, rules };
            var results = new List<(int Size, List<double> Screen, List<double> Call)>();
            foreach (var size in sizes)
            {
                var groupId = await host.GroupWithRulesAsync(aliceCaller, $"live-{size}", size);
                var (screen, call) = await MeasureScreenAsync(host, state, aliceCaller, tenant.Name, groupId, changes);
                results.Add((size, screen, call));
            }
            Console.WriteLine();
            Console.WriteLine($"(a) commit to screen in a second browser, {changes} changes per row (after {Warmup} warm-up), ms");
            Console.WriteLine($"{"group",-24} {"median",9} {"p95",9} {"max",9}   {"CreateRuleAsync median/p95",28}");
            foreach (var (size, screen, call) in results)
            {
                Console.WriteLine($"{$"{size:N0} rules",-24} {BenchHost.Percentile(screen, 0.5),9:F1} {BenchHost.Percentile(screen, 0.95),9:F1} {screen.Max(),9:F1}   " +
                    $"{$"{BenchHost.Percentile(call, 0.5):F1} / {BenchHost.Percentile(call, 0.95):F1}",28}");
            }
            foreach (var (size, screen, _) in results)
            {
                var p95 = BenchHost.Percentile(screen, 0.95);
                pass &= BenchHost.Report(p95 < TargetScreenP95Ms, $"commit to screen, {size:N0}-rule group: p95 {p95:F1} ms (target < {TargetScreenP95Ms:F0} ms)");
            }
        }
        if (only != "--screen-only")
        {
            pass &= await MeasureFanOutAsync(host, alice, aliceCaller, tenant.Name, clients, fanOutChanges);
        }
        return pass ? 0 : 1;
    }

    // Installed once the page is interactive. window.__sgaWatch holds the text to wait for; the first DOM mutation
    // after which #rules-grid contains it (or, with __sgaGone, no longer contains it) is reported with performance.now().
    private const string ScreenObserver = """
        () => {
          window.__sgaWatch = null;
          window.__sgaGone = false;
          const check = () => {
            const key = window.__sgaWatch;
            if (key === null) return;
            const now = performance.now();
            const grid = document.getElementById('rules-grid');
            const present = !!grid && grid.textContent.includes(key);
            if (present !== window.__sgaGone) {
              window.__sgaWatch = null;
              window.__sgaSeen(key, now);
            }
          };
          new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    private static async Task<(List<double> Screen, List<double> Call)> MeasureScreenAsync(
        BenchHost host, string state, Caller alice, string tenantName, string groupId, int changes)
    {
        await using var context = await host.NewContextAsync(state);
        var page = await context.NewPageAsync();
        var seen = new ConcurrentDictionary<string, TaskCompletionSource<double>>();
        await page.ExposeFunctionAsync<string, double, bool>("__sgaSeen", (key, at) =>
            seen.TryGetValue(key, out var tcs) && tcs.TrySetResult(at));
        await page.GotoAsync($"/t/{tenantName}/groups/{groupId}", new() { Timeout = 30_000 });
        await BenchHost.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("#rules-grid", new() { Timeout = 30_000 });
        await page.EvaluateAsync(ScreenObserver);

        async Task<double> WatchAsync(string key, bool gone, Func<Task> act)
        {
            var tcs = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            seen[key] = tcs;
            await page.EvaluateAsync("([key, gone]) => { window.__sgaGone = gone; window.__sgaWatch = key; }", new object[] { key, gone });
            await act();
            try
            {
                return await tcs.Task.WaitAsync(TimeSpan.FromSeconds(15));
            }
            finally
            {
                seen.TryRemove(key, out _);
            }
        }

        var screen = new List<double>();
        var call = new List<double>();
        double offset = 0;
        var nonce = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < Warmup + changes; i++)
        {
            if (i % 10 == 0)
            {
                offset = await ClockOffsetAsync(page);
            }
            var key = $"live-{nonce}-{i:D3}";
            var input = RuleInput.FromForm(groupId, "ingress", "IPv4", null, null, null, $"198.51.100.{i % 250}/32", null, key);
            string ruleId = "";
            double startMs = 0, callMs = 0;
            var pageAt = await WatchAsync(key, gone: false, async () =>
            {
                startMs = NowMs();
                ruleId = (await host.Service.CreateRuleAsync(alice, input)).Id;
                callMs = NowMs() - startMs;
            });
            if (i >= Warmup)
            {
                screen.Add(pageAt - offset - startMs);
                call.Add(callMs);
            }
            // Untimed: remove it again and wait until the page shows that, so changes do not overlap.
            await WatchAsync(key, gone: true, () => host.Service.DeleteRuleAsync(alice, ruleId));
        }
        return (screen, call);
    }

    private static double NowMs() => Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;

    /// <summary>page performance.now() minus server NowMs(), from the round trip (of 7) with the smallest delay.</summary>
    private static async Task<double> ClockOffsetAsync(IPage page)
    {
        var best = (Rtt: double.MaxValue, Offset: 0.0);
        for (var i = 0; i < 7; i++)
        {
            var before = NowMs();
            var pageNow = await page.EvaluateAsync<double>("() => performance.now()");
            var after = NowMs();
            if (after - before < best.Rtt)
            {
                best = (after - before, pageNow - (before + after) / 2);
            }
        }
        return best.Offset;
    }

    private static async Task<bool> MeasureFanOutAsync(BenchHost host, Data.Identity.ApplicationUser alice, Caller aliceCaller,
        string tenantName, int clientCount, int changes)
    {
        var groupId = (await host.Service.CreateGroupAsync(aliceCaller, Web.SecurityGroups.GroupCreateRequest.FromForm("fanout", "hub fan-out", startEmpty: true))).Id;
        var hubUser = await host.People.PersonAsync("hub@bench.test", Role.Member, tenantName);
        var connections = new List<HubConnection>();
        // Receipt times per change: resource id -> per-client arrival (ms on this process's Stopwatch).
        var arrivals = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        try
        {
            var connectStarted = Stopwatch.GetTimestamp();
            for (var batch = 0; batch < clientCount; batch += 20)
            {
                var started = new List<Task<HubConnection>>();
                for (var i = batch; i < Math.Min(clientCount, batch + 20); i++)
                {
                    var token = await host.People.TokenAsync(hubUser, tenantName, $"hub-{i}");
                    started.Add(ConnectAsync(host.BaseUrl, token, groupId, arrivals));
                }
                connections.AddRange(await Task.WhenAll(started).WaitAsync(TimeSpan.FromSeconds(60)));
            }
            Console.WriteLine();
            Console.WriteLine($"(b) fan-out: {connections.Count} hub clients joined group in {Stopwatch.GetElapsedTime(connectStarted).TotalSeconds:F1} s");

            var perClient = new List<double>();
            var untilAll = new List<double>();
            for (var i = 0; i < Warmup + changes; i++)
            {
                var input = RuleInput.FromForm(groupId, "ingress", "IPv4", "tcp", 2000 + i, 2000 + i, null, null, "fan-out");
                var startMs = NowMs();
                var rule = await host.Service.CreateRuleAsync(aliceCaller, input);
                var bag = arrivals.GetOrAdd(rule.Id, _ => []);
                var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 15;
                while (bag.Count < connections.Count && Stopwatch.GetTimestamp() < deadline)
                {
                    await Task.Delay(5);
                }
                if (bag.Count < connections.Count)
                {
                    Console.WriteLine($"FAIL: change {i}: only {bag.Count} of {connections.Count} clients heard it within 15 s");
                    return false;
                }
                if (i >= Warmup)
                {
                    var latencies = bag.Select(at => at - startMs).ToList();
                    perClient.AddRange(latencies);
                    untilAll.Add(latencies.Max());
                }
                arrivals.TryRemove(rule.Id, out _);
                await Task.Delay(50);
            }
            Console.WriteLine($"{changes} changes (after {Warmup} warm-up), ms from just before CreateRuleAsync to each client's handler");
            Console.WriteLine($"{"measure",-40} {"p50",9} {"p95",9} {"max",9}");
            Console.WriteLine($"{$"per client ({perClient.Count} receipts)",-40} {BenchHost.Percentile(perClient, 0.5),9:F1} {BenchHost.Percentile(perClient, 0.95),9:F1} {perClient.Max(),9:F1}");
            Console.WriteLine($"{"until all clients have it (per change)",-40} {BenchHost.Percentile(untilAll, 0.5),9:F1} {BenchHost.Percentile(untilAll, 0.95),9:F1} {untilAll.Max(),9:F1}");
            var p95 = BenchHost.Percentile(perClient, 0.95);
            return BenchHost.Report(p95 < TargetFanOutP95Ms, $"fan-out to {connections.Count} hub clients: p95 {p95:F1} ms (target < {TargetFanOutP95Ms:F0} ms)");
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static async Task<HubConnection> ConnectAsync(string baseUrl, string token, string groupId,
        ConcurrentDictionary<string, ConcurrentBag<double>> arrivals)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(baseUrl + ChangesHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        connection.On<ChangeEvent>(ChangesHub.MessageName, change =>
        {
            var at = NowMs();
            if (change.ResourceType == "security_group_rule" && change.Action == "create")
            {
                arrivals.GetOrAdd(change.ResourceId, _ => []).Add(at);
            }
        });
        await connection.StartAsync();
        await connection.InvokeAsync("JoinGroup", groupId);
        return connection;
    }
}
