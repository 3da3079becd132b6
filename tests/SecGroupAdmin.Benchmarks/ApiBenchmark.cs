using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using SecGroupAdmin.Testing;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// The api suite: the real app over Kestrel on 127.0.0.1 (temp SQLite file, Production environment), driven through
/// <c>/v2.0</c> by keep-alive HTTP clients (one <see cref="SocketsHttpHandler"/> connection per client), with 1 and with
/// 8 concurrent clients. Reports median and p95 latency for rule create while a group grows 0→500 rules, list of a
/// group's 500 rules, show of that group, and list of 50 groups. With <c>--reference URL</c> the same loops run
/// against a Neutron server (header auth: X-User-Id / X-Project-Id / X-Roles) in the same run, and a table with
/// ratios (reference / ours) is printed. Every loop is bounded by a request count and a time cap; loopback only.
/// </summary>
public static class ApiBenchmark
{
    private const int RulesPerGroup = 500;
    private const int GroupsToList = 50;
    private const int ReadRequests = 200;
    private const double TargetRatio = 20;
    private static readonly TimeSpan PhaseCap = TimeSpan.FromSeconds(90);
    // The reference takes a few hundred ms per create on a busy machine; the group must reach 500 rules.
    private static readonly TimeSpan CreateCap = TimeSpan.FromSeconds(400);
    private static readonly int[] ClientCounts = [1, 8];

    public static async Task<int> Run(string[] args)
    {
        string? reference = null;
        var readRequests = ReadRequests;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reference" when i + 1 < args.Length:
                    reference = args[++i].TrimEnd('/');
                    break;
                case "--requests" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
                    readRequests = n;
                    i++;
                    break;
                default:
                    Console.WriteLine($"unknown option {args[i]}; options: --reference http://127.0.0.1:9696  --requests N");
                    return 2;
            }
        }
        if (reference is not null && !IsLoopback(reference))
        {
            Console.WriteLine($"--reference must be a loopback URL, not {reference}");
            return 2;
        }

        Console.WriteLine($"API benchmark: {RulesPerGroup} rule creates into one group, {readRequests} reads per list/show loop, " +
                          $"{GroupsToList} groups listed; clients {string.Join(" and ", ClientCounts)}; cap {CreateCap.TotalSeconds:F0} s per create loop, {PhaseCap.TotalSeconds:F0} s per read loop");
        var results = new List<Measurement>();
        int failures;
        await using (var ours = await OurApp.StartAsync())
        {
            Console.WriteLine($"ours: {ours.BaseUrl} (Kestrel, SQLite {ours.DbPath})");
            var targets = new List<Target> { ours.Target };
            if (reference is not null)
            {
                var target = await ReferenceTarget.PrepareAsync(reference);
                Console.WriteLine($"reference: {reference} (project {target.ProjectId})");
                targets.Add(target);
            }
            failures = await RunAsync(targets, readRequests, results);
        }

        PrintTable(results, reference is not null);
        if (failures > 0)
        {
            Console.WriteLine($"FAIL: {failures} request(s) did not succeed");
            return 1;
        }
        if (reference is null)
        {
            return 0;
        }
        var misses = Compare(results).Where(c => c.MedianRatio < TargetRatio || c.P95Ratio < TargetRatio).ToList();
        Console.WriteLine(misses.Count == 0
            ? $"PASS: ours is >= {TargetRatio}x faster than the reference in every row (median and p95)"
            : $"FAIL: below {TargetRatio}x in {misses.Count} row(s): {string.Join("; ", misses.Select(m => m.Name))}");
        return misses.Count == 0 ? 0 : 1;
    }

    // ---- the loops ----

    /// <summary>
    /// Runs every loop on every target, one loop at a time and the targets back to back, so that both see the same
    /// machine (load on a shared machine drifts over minutes).
    /// </summary>
    private static async Task<int> RunAsync(List<Target> targets, int readRequests, List<Measurement> results)
    {
        var sessions = targets.Select(t => new Session(t, ClientCounts.Max())).ToList();
        try
        {
            var failures = 0;
            async Task Each(Func<Session, Task> step)
            {
                foreach (var session in sessions)
                {
                    await step(session);
                }
            }

            // Warm-up (connection set-up, caches, and for ours the JIT: EF Core and ASP.NET Core tier up only after
            // some thousands of calls, and a running server is past that): a group, rules, lists and shows, on every connection.
            await Each(async s =>
            {
                var scale = s.Target.WarmUpScale;
                var warm = await s.Api.CreateGroupAsync("bench-warmup");
                await RunLoopAsync(s.Clients, 40 * scale, TimeSpan.FromSeconds(60), (c, i, _) => Api.CreateRuleAsync(c, warm, 1000 + i));
                await RunLoopAsync(s.Clients, 40 * scale, TimeSpan.FromSeconds(60), (c, _, body) => Api.GetAsync(c, body, $"/v2.0/security-group-rules?security_group_id={warm}"));
                await RunLoopAsync(s.Clients, 40 * scale, TimeSpan.FromSeconds(60), (c, _, body) => Api.GetAsync(c, body, $"/v2.0/security-groups/{warm}"));
                await RunLoopAsync(s.Clients, 16 * scale, TimeSpan.FromSeconds(60), (c, _, body) => Api.GetAsync(c, body, "/v2.0/security-groups"));
                await s.Api.DeleteAsync($"/v2.0/security-groups/{warm}");
            });

            foreach (var n in ClientCounts)
            {
                await Each(async s =>
                {
                    var group = await s.Api.CreateGroupAsync($"bench-{n}-clients");
                    s.BigGroups.Add(group);
                    var create = await RunLoopAsync(s.Clients.Take(n).ToList(), RulesPerGroup, CreateCap, (c, i, _) => Api.CreateRuleAsync(c, group, i + 1));
                    failures += Record(results, s.Target, "rule create, group 0→500 rules", n, create.Latencies, create.Failures);
                    failures += Record(results, s.Target, "rule create, group 400→500 rules", n, create.LastLatencies(100), 0);
                });
                await Each(async s =>
                {
                    var group = s.BigGroups[^1];
                    var list = await RunLoopAsync(s.Clients.Take(n).ToList(), readRequests, PhaseCap,
                        (c, _, body) => Api.GetAsync(c, body, $"/v2.0/security-group-rules?security_group_id={group}"),
                        body => Api.Count(body, "security_group_rules", RulesPerGroup + 2));
                    failures += Record(results, s.Target, "list 500 rules of a group", n, list.Latencies, list.Failures);
                });
                await Each(async s =>
                {
                    var group = s.BigGroups[^1];
                    var show = await RunLoopAsync(s.Clients.Take(n).ToList(), readRequests, PhaseCap,
                        (c, _, body) => Api.GetAsync(c, body, $"/v2.0/security-groups/{group}"),
                        body => Api.Count(body, "security_group", RulesPerGroup + 2));
                    failures += Record(results, s.Target, "show a group with 500 rules", n, show.Latencies, show.Failures);
                });
            }

            // 50 groups (the default group and 49 more), each with its two egress rules; the 500-rule groups are gone.
            await Each(async s =>
            {
                foreach (var group in s.BigGroups)
                {
                    await s.Api.DeleteAsync($"/v2.0/security-groups/{group}");
                }
                var existing = (await s.Api.GetJsonAsync("/v2.0/security-groups?fields=id"))["security_groups"]!.AsArray().Count;
                for (var i = existing; i < GroupsToList; i++)
                {
                    await s.Api.CreateGroupAsync($"bench-list-{i:D2}");
                }
            });
            foreach (var n in ClientCounts)
            {
                await Each(async s =>
                {
                    var list = await RunLoopAsync(s.Clients.Take(n).ToList(), readRequests, PhaseCap,
                        (c, _, body) => Api.GetAsync(c, body, "/v2.0/security-groups"),
                        body => Api.Count(body, "security_groups", GroupsToList));
                    failures += Record(results, s.Target, "list 50 groups", n, list.Latencies, list.Failures);
                });
            }
            return failures;
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    /// <summary>One target's keep-alive clients and the groups made on it.</summary>
    private sealed class Session : IDisposable
    {
        public Session(Target target, int clients)
        {
            Target = target;
            Clients = Enumerable.Range(0, clients).Select(_ => target.NewClient()).ToList();
            Api = new Api(target.Name, Clients[0]);
        }

        public Target Target { get; }
        public List<HttpClient> Clients { get; }
        public Api Api { get; }
        public List<string> BigGroups { get; } = [];

        public void Dispose() => Clients.ForEach(c => c.Dispose());
    }

    private static int Record(List<Measurement> results, Target target, string name, int clients, List<double> latencies, int failures)
    {
        var m = Measurement.Of(target.Name, name, clients, latencies, failures);
        results.Add(m);
        Console.WriteLine($"  {target.Name,-9} {name,-34} {clients} client(s): n={m.Count,4} median {m.Median,8:F2} ms  p95 {m.P95,8:F2} ms" +
                          (failures > 0 ? $"  FAILED {failures}" : ""));
        return failures;
    }

    private sealed record LoopResult(List<(int Index, double Ms)> Samples, int Failures)
    {
        public List<double> Latencies => Samples.Select(s => s.Ms).ToList();

        /// <summary>The latencies of the last <paramref name="n"/> operations by index (for the create loop: the fullest group).</summary>
        public List<double> LastLatencies(int n) => Samples.OrderBy(s => s.Index).TakeLast(n).Select(s => s.Ms).ToList();
    }

    /// <summary>
    /// Runs <paramref name="total"/> operations, handed out by a shared counter to <paramref name="clients"/> concurrent
    /// workers (each with its own keep-alive connection); stops early at <paramref name="cap"/>. An operation returns
    /// the response body, or null on failure; <paramref name="check"/> runs on each worker's first body, outside the
    /// timed part.
    /// </summary>
    private static async Task<LoopResult> RunLoopAsync(List<HttpClient> clients, int total, TimeSpan cap,
        Func<HttpClient, int, bool, Task<string?>> operation, Func<string, bool>? check = null)
    {
        var next = -1;
        var failures = 0;
        var samples = new List<(int, double)>[clients.Count];
        var deadline = Stopwatch.GetTimestamp() + (long)(cap.TotalSeconds * Stopwatch.Frequency);
        var workers = clients.Select((client, w) => Task.Run(async () =>
        {
            var mine = samples[w] = [];
            var checkedOne = check is null;
            int i;
            while ((i = Interlocked.Increment(ref next)) < total && Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                var body = await operation(client, i, !checkedOne);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                var ok = body is not null;
                if (ok && !checkedOne)
                {
                    ok = check!(body!);
                    checkedOne = true;
                }
                if (ok)
                {
                    mine.Add((i, ms));
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return new LoopResult([.. samples.SelectMany(s => s)], failures);
    }

    // ---- results ----

    private sealed record Measurement(string Target, string Name, int Clients, int Count, double Median, double P95, int Failures)
    {
        public static Measurement Of(string target, string name, int clients, List<double> latencies, int failures)
        {
            var sorted = latencies.Order().ToArray();
            return new Measurement(target, name, clients, sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.95), failures);
        }

        private static double Percentile(double[] sorted, double p)
        {
            if (sorted.Length == 0)
            {
                return double.NaN;
            }
            var rank = p * (sorted.Length - 1);
            var lo = (int)Math.Floor(rank);
            var hi = (int)Math.Ceiling(rank);
            return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
        }
    }

    private sealed record Comparison(string Name, double MedianRatio, double P95Ratio);

    private static IEnumerable<Comparison> Compare(List<Measurement> results) =>
        from o in results.Where(r => r.Target == "ours")
        join r in results.Where(r => r.Target == "reference") on (o.Name, o.Clients) equals (r.Name, r.Clients)
        select new Comparison($"{o.Name} ({o.Clients} client{(o.Clients > 1 ? "s" : "")})", r.Median / o.Median, r.P95 / o.P95);

    private static void PrintTable(List<Measurement> results, bool withReference)
    {
        Console.WriteLine();
        var header = withReference
            ? $"| {"operation",-34} | clients | ours median | ours p95 | ref median | ref p95 | ratio median | ratio p95 |"
            : $"| {"operation",-34} | clients | ours median | ours p95 |";
        Console.WriteLine(header);
        Console.WriteLine(new string('|', 1) + string.Join("|", header.Split('|')[1..^1].Select(c => new string('-', c.Length))) + "|");
        foreach (var o in results.Where(r => r.Target == "ours"))
        {
            var line = $"| {o.Name,-34} | {o.Clients,7} | {o.Median,8:F2} ms | {o.P95,5:F2} ms |";
            if (withReference)
            {
                var r = results.FirstOrDefault(x => x.Target == "reference" && x.Name == o.Name && x.Clients == o.Clients);
                line = r is null
                    ? line + " – | – | – | – |"
                    : line + $" {r.Median,7:F1} ms | {r.P95,4:F1} ms | {r.Median / o.Median,11:F1}x | {r.P95 / o.P95,8:F1}x |";
            }
            Console.WriteLine(line);
        }
        Console.WriteLine("(latency per request in ms; ratio = reference / ours, higher is better for ours)");
        Console.WriteLine();
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));

    // ---- targets ----

    /// <summary>Where requests go and how they authenticate.</summary>
    private abstract class Target(string name, string baseUrl)
    {
        public string Name { get; } = name;
        public string BaseUrl { get; } = baseUrl;

        /// <summary>How many times the base warm-up to run (a JIT-compiled server needs more than an interpreted one).</summary>
        public virtual int WarmUpScale => 1;

        protected abstract void Authenticate(HttpRequestHeaders headers);

        public HttpClient NewClient()
        {
            var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 1,
                UseProxy = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
            };
            var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            Authenticate(client.DefaultRequestHeaders);
            return client;
        }
    }

    private sealed class TokenTarget(string baseUrl, string token) : Target("ours", baseUrl)
    {
        public override int WarmUpScale => 25;

        protected override void Authenticate(HttpRequestHeaders headers) => headers.Add("X-Auth-Token", token);
    }

    private sealed class ReferenceTarget(string baseUrl, string projectId) : Target("reference", baseUrl)
    {
        public string ProjectId { get; } = projectId;

        protected override void Authenticate(HttpRequestHeaders headers)
        {
            headers.Add("X-User-Id", "bench-user");
            headers.Add("X-Project-Id", ProjectId);
            headers.Add("X-Roles", "member");
        }

        /// <summary>A fresh project with unlimited group and rule quotas (set by an admin PUT).</summary>
        public static async Task<ReferenceTarget> PrepareAsync(string baseUrl)
        {
            var project = Guid.NewGuid().ToString("N");
            using var admin = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
            admin.DefaultRequestHeaders.Add("X-User-Id", "bench-admin");
            admin.DefaultRequestHeaders.Add("X-Project-Id", "bench-admin-project");
            admin.DefaultRequestHeaders.Add("X-Roles", "admin,member,reader");
            using var response = await admin.PutAsync($"/v2.0/quotas/{project}",
                Api.Json("""{"quota": {"security_group": -1, "security_group_rule": -1}}"""));
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"reference quota PUT answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            return new ReferenceTarget(baseUrl, project);
        }
    }

    /// <summary>The real app (<see cref="TestAppHost"/>: Kestrel, temp SQLite file); a tenant with unlimited quotas, a member and a token.</summary>
    private sealed class OurApp : IAsyncDisposable
    {
        private TestAppHost host = null!;
        public string BaseUrl => host.BaseUrl;
        public string DbPath => host.DatabasePath ?? "";
        public Target Target { get; private set; } = null!;

        public static async Task<OurApp> StartAsync()
        {
            var app = new OurApp();
            app.host = TestAppHost.Start(new TestAppOptions
            {
                AdminEmail = "root@bench.test",
                // The load is the point here: no API rate limits.
                Settings = new Dictionary<string, string> { ["RateLimits:ApiPerAddress"] = "0", ["RateLimits:ApiPerToken"] = "0" },
                Configure = b => b.UseEnvironment("Production").UseContentRoot(WebContentRoot()),
            });
            var people = app.host.People;
            await people.TenantAsync("bench", groupQuota: -1, ruleQuota: -1);
            var member = await people.PersonAsync("member@bench.test", Role.Member, "bench");
            app.Target = new TokenTarget(app.BaseUrl, await people.TokenAsync(member, "bench", "bench"));
            return app;
        }

        public ValueTask DisposeAsync() => host.DisposeAsync();

        /// <summary>src/SecGroupAdmin.Web, found from the output folder upwards (as the tests' content root).</summary>
        private static string WebContentRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecGroupAdmin.sln")))
            {
                dir = dir.Parent;
            }
            return dir is null
                ? AppContext.BaseDirectory
                : Path.Combine(dir.FullName, "src", "SecGroupAdmin.Web");
        }
    }

    /// <summary>The few calls the loops make; operations return false (and print the first failures) instead of throwing.</summary>
    private sealed class Api(string target, HttpClient client)
    {
        private static int printed;

        public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

        public async Task<string> CreateGroupAsync(string name)
        {
            using var response = await client.PostAsync("/v2.0/security-groups", Json($$$"""{"security_group": {"name": "{{{name}}}"}}"""));
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{target}: create group answered {(int)response.StatusCode}: {text}");
            }
            return (string)JsonNode.Parse(text)!["security_group"]!["id"]!;
        }

        public async Task DeleteAsync(string path)
        {
            using var response = await client.DeleteAsync(path);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{target}: DELETE {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        public async Task<JsonNode> GetJsonAsync(string path)
        {
            using var response = await client.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode
                ? JsonNode.Parse(text)!
                : throw new InvalidOperationException($"{target}: GET {path} answered {(int)response.StatusCode}: {text}");
        }

        /// <summary>An ingress tcp rule on port <paramref name="port"/>: distinct ports, so no duplicates.</summary>
        public static async Task<string?> CreateRuleAsync(HttpClient c, string groupId, int port)
        {
            var body = $$$"""{"security_group_rule": {"security_group_id": "{{{groupId}}}", "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "port_range_min": {{{port}}}, "port_range_max": {{{port}}}, "remote_ip_prefix": "10.0.0.0/8"}}""";
            using var response = await c.PostAsync("/v2.0/security-group-rules", Json(body));
            var text = await response.Content.ReadAsStringAsync();
            return Check(response, text, "POST /v2.0/security-group-rules") ? text : null;
        }

        /// <summary>
        /// A GET whose body is received in full; null when it failed. The body becomes a string only when
        /// <paramref name="keepBody"/> (to be checked): otherwise it is drained through a pooled buffer, so the client
        /// does not make a large string per response (this process also hosts our server, and shares its GC).
        /// </summary>
        public static async Task<string?> GetAsync(HttpClient c, bool keepBody, string path)
        {
            using var response = await c.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            if (keepBody || !response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync();
                return Check(response, text, "GET " + path) ? text : null;
            }
            await using var body = await response.Content.ReadAsStreamAsync();
            await body.CopyToAsync(Stream.Null);
            return "";
        }

        /// <summary>Checks that a body holds <paramref name="expected"/> items: a collection's, or a group's rules.</summary>
        public static bool Count(string body, string key, int expected)
        {
            var node = JsonNode.Parse(body)![key]!;
            var count = node is JsonArray array ? array.Count : node["security_group_rules"]!.AsArray().Count;
            if (count != expected)
            {
                Report($"{key}: {count} items, expected {expected}");
            }
            return count == expected;
        }

        private static bool Check(HttpResponseMessage response, string text, string what)
        {
            if (response.IsSuccessStatusCode)
            {
                return true;
            }
            Report($"{what} answered {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
            return false;
        }

        private static void Report(string message)
        {
            if (Interlocked.Increment(ref printed) <= 10)
            {
                Console.WriteLine("    ! " + message);
            }
        }
    }
}
