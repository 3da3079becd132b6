using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Hosting;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// The scale suite: the real app (in this process, Kestrel on 127.0.0.1, Production environment) on a database seeded
/// in bulk by <see cref="ScaleSeeder"/> at several sizes (rules in total), on SQLite and/or a real PostgreSQL. Per
/// size: median and p95 of the API's reads (one keep-alive client), the server's managed heap above idle while a
/// CloudAdmin client streams every rule, and Chromium page loads (groups page of a 2,000-group tenant, operator
/// overview, operator audit log first and filtered page). Prints a table and PASS/FAIL per target of issue #13.
/// With <c>--reference URL</c>, the same API reads against a Neutron server seeded through its API for a few minutes.
/// </summary>
public static class ScaleBenchmark
{
    private const double SmallReadMedianMs = 5;
    private const double SmallReadGrowth = 1.5;
    private const double StreamHeapBytes = 100 * 1048576.0;
    private const double AuditPageMs = 50;
    private const double OverviewMs = 1_000;
    private const double GroupsPageMs = 1_500;
    private const double ReferenceRatio = 20;
    private static readonly TimeSpan ReadCap = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProcessWarmUp = TimeSpan.FromSeconds(20);
    private static bool processWarm;

    private sealed record Options(int[] Sizes, DatabaseProvider[] Providers, int Requests, int Loads, bool Pages, bool Stream,
        string? Reference, double ReferenceSeedMinutes, bool Writers, bool Api, bool ColdPages);

    public static async Task<int> Run(string[] args)
    {
        var options = Parse(args);
        if (options is null)
        {
            Console.WriteLine("options: --sizes 10000,100000,1000000  --provider sqlite|postgresql|both  --requests 100  --loads 5");
            Console.WriteLine("         --no-api  --no-pages  --no-stream  --no-writers  --reference http://127.0.0.1:9696  --reference-seed-minutes 10");
            return 2;
        }
        Console.WriteLine($"scale benchmark: sizes {string.Join(", ", options.Sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} rules; " +
                          $"{string.Join(" and ", options.Providers)}; {options.Requests} requests per read, 1 client; {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        var results = new List<Result>();
        var writersPass = true;
        foreach (var provider in options.Providers)
        {
            await using var server = provider == DatabaseProvider.PostgreSql ? await PostgresTestServer.StartAsync() : null;
            foreach (var size in options.Sizes)
            {
                Console.WriteLine();
                Console.WriteLine($"== {provider}, {size:N0} rules (load average {LoadAverage()})");
                var db = await ScaleSeeder.EnsureAsync(provider, size, server);
                await MeasureOursAsync(options, provider, db, server, results);
            }
            if (server is not null && options.Writers)
            {
                Console.WriteLine();
                Console.WriteLine($"== PostgreSQL writers (load average {LoadAverage()})");
                writersPass = await WriterLockBenchmark.MeasureAsync(server, 250);
            }
        }

        ReferenceRun? reference = null;
        if (options.Reference is not null)
        {
            Console.WriteLine();
            Console.WriteLine($"== reference {options.Reference} (load average {LoadAverage()})");
            reference = await ScaleReference.RunAsync(options.Reference, TimeSpan.FromMinutes(options.ReferenceSeedMinutes), options.Requests, ReadCap);
        }
        return Verdicts(options, results, reference) && writersPass ? 0 : 1;
    }

    private static Options? Parse(string[] args)
    {
        int[] sizes = [10_000, 100_000, 1_000_000];
        DatabaseProvider[] providers = [DatabaseProvider.Sqlite];
        var requests = 100;
        var loads = 5;
        var pages = true;
        var stream = true;
        var writers = true;
        var api = true;
        var coldPages = true;
        string? reference = null;
        var minutes = 10.0;
        for (var i = 0; i < args.Length; i++)
        {
            var next = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--sizes" when next is not null:
                    sizes = [.. next.Split(',').Select(ParseSize).Order()];
                    i++;
                    break;
                case "--provider" when next is "sqlite" or "postgresql" or "both":
                    providers = next switch
                    {
                        "sqlite" => [DatabaseProvider.Sqlite],
                        "postgresql" => [DatabaseProvider.PostgreSql],
                        _ => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql],
                    };
                    i++;
                    break;
                case "--requests" when int.TryParse(next, out var n) && n > 0:
                    requests = n;
                    i++;
                    break;
                case "--loads" when int.TryParse(next, out var n) && n > 0:
                    loads = n;
                    i++;
                    break;
                case "--no-pages":
                    pages = false;
                    break;
                case "--in-app-only":
                    coldPages = false;
                    break;
                case "--no-api":
                    api = false;
                    break;
                case "--no-stream":
                    stream = false;
                    break;
                case "--no-writers":
                    writers = false;
                    break;
                case "--reference" when next is not null && IsLoopback(next):
                    reference = next.TrimEnd('/');
                    i++;
                    break;
                case "--reference-seed-minutes" when double.TryParse(next, CultureInfo.InvariantCulture, out var m) && m > 0:
                    minutes = m;
                    i++;
                    break;
                default:
                    Console.WriteLine($"unknown or invalid option {args[i]}");
                    return null;
            }
        }
        return new Options(sizes, providers, requests, loads, pages, stream, reference, minutes, writers, api, coldPages);
    }

    /// <summary>10000, 10k, 1m or 1,000,000.</summary>
    private static int ParseSize(string text)
    {
        var t = text.Trim().Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        var factor = t.EndsWith('k') ? 1_000 : t.EndsWith('m') ? 1_000_000 : 1;
        t = factor > 1 ? t[..^1] : t;
        return (int)(double.Parse(t, NumberStyles.Number, CultureInfo.InvariantCulture) * factor);
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    // ---- ours ----

    public sealed record Result(DatabaseProvider Provider, int Size, string Name, double Median, double P95, int Count, bool Small);

    /// <summary>The reads, by name: how to ask for them and how many items the answer must hold.</summary>
    public sealed record Read(string Name, bool Small, bool AsGroupsTenant, string Path, string Key, int Expected);

    public static List<Read> Reads(ScaleManifest m) =>
    [
        new("group by ?id=", true, true, $"/v2.0/security-groups?id={m.GroupByIdId}", "security_groups", 1),
        new("group by ?name=", true, true, $"/v2.0/security-groups?name={m.GroupByName}", "security_groups", 1),
        new("rules first page (limit=10)", true, false, "/v2.0/security-group-rules?limit=10", "security_group_rules", 10),
        new("rules page deep by marker (limit=10)", true, false, $"/v2.0/security-group-rules?limit=10&marker={m.DeepRuleMarker}", "security_group_rules", 10),
        new("rule by ?id=", true, false, $"/v2.0/security-group-rules?id={m.RuleId}", "security_group_rules", 1),
        new("500 rules of one group", false, false, $"/v2.0/security-group-rules?security_group_id={m.BigGroupId}", "security_group_rules", ScaleSeeder.RulesPerBigGroup),
        new("show one group (500 rules)", false, false, $"/v2.0/security-groups/{m.BigGroupId}", "security_group", ScaleSeeder.RulesPerBigGroup),
        new("all groups of a 2,000-group tenant", false, true, "/v2.0/security-groups", "security_groups", ScaleSeeder.GroupsInGroupsTenant + 1),
    ];

    private static async Task MeasureOursAsync(Options options, DatabaseProvider provider, ScaleDatabase db, PostgresTestServer? server, List<Result> results)
    {
        var connectionString = await ScaleSeeder.WorkingCopyAsync(db, server);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var host = TestAppHost.Start(new TestAppOptions
            {
                AdminEmail = "root@scale.test",
                PostgresConnectionString = provider == DatabaseProvider.PostgreSql ? connectionString : null,
                // The working copy instead of the host's temp file; no API rate limits: the load is the point.
                Settings = new Dictionary<string, string>
                {
                    ["RateLimits:ApiPerAddress"] = "0",
                    ["RateLimits:ApiPerToken"] = "0",
                    ["ConnectionStrings:Default"] = connectionString,
                },
                Configure = b => b
                    .UseEnvironment("Production")
                    .UseContentRoot(WebContentRoot())
                    // Production, yet the pages need the framework's and MudBlazor's files from the build output.
                    .UseStaticWebAssets()
                    // A closed page's circuit is freed at once, not kept for a reconnect that never comes.
                    .ConfigureServices(s => s.Configure<CircuitOptions>(o => o.DisconnectedCircuitMaxRetained = 0))
                    .ConfigureLogging(l => l
                        .ClearProviders()
                        .AddSimpleConsole()
                        .AddFilter<ConsoleLoggerProvider>((_, level) => level >= LogLevel.Warning)),
            });
            Console.WriteLine($"  app started on the seeded database in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s: {host.BaseUrl}");
            var m = db.Manifest;
            var people = host.People;
            var member = await people.PersonAsync("member@scale.test", Role.Member, m.BigTenant);
            await people.GiveAsync(member, Role.Member, m.GroupsTenant);
            var admin = await people.PersonAsync("cloudadmin@scale.test", Role.CloudAdmin);
            await people.GiveAsync(admin, Role.Member, m.BigTenant);
            var bigToken = await people.TokenAsync(member, m.BigTenant, "scale");
            var groupsToken = await people.TokenAsync(member, m.GroupsTenant, "scale");
            var adminToken = await people.TokenAsync(admin, m.BigTenant, "scale-admin");

            using var bigClient = NewClient(host.BaseUrl, h => h.Add("X-Auth-Token", bigToken));
            using var groupsClient = NewClient(host.BaseUrl, h => h.Add("X-Auth-Token", groupsToken));
            if (options.Api && !processWarm)
            {
                // The first app host of the process also warms the code every read shares (Kestrel, the API pipeline,
                // EF Core, the JSON writer): all reads round-robin for ProcessWarmUp, so the first size is not measured
                // while the JIT is still recompiling them in the background on these 2 cores.
                var until = Stopwatch.GetTimestamp() + (long)(ProcessWarmUp.TotalSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < until)
                {
                    foreach (var read in Reads(m).Where(r => r.Small))
                    {
                        await ReadLoopAsync(read.AsGroupsTenant ? groupsClient : bigClient, read, 20, WarmUp);
                    }
                }
                processWarm = true;
            }
            foreach (var read in options.Api ? Reads(m) : [])
            {
                var client = read.AsGroupsTenant ? groupsClient : bigClient;
                // Warm-up: EF Core's query cache and the JIT's second tier (a running server is past both). Tiered
                // compilation recompiles a method some 30 calls and 100 ms after it got hot, so a short warm-up left
                // the first size measured at tier 0 (2-3x slower than the same read at the next size): warm each read
                // for WarmUp or 300 requests, whichever ends first.
                var warm = await ReadLoopAsync(client, read, 300, WarmUp);
                var loop = warm.Failed ? warm : await ReadLoopAsync(client, read, options.Requests, ReadCap);
                var result = new Result(provider, db.Manifest.Size, read.Name, BenchHost.Percentile(loop.Ms, 0.5), BenchHost.Percentile(loop.Ms, 0.95), loop.Ms.Count, read.Small);
                if (!loop.Failed)
                {
                    results.Add(result);
                }
                Console.WriteLine($"  {read.Name,-38} n={loop.Ms.Count,4} median {result.Median,9:F2} ms  p95 {result.P95,9:F2} ms{(loop.Failed ? "  FAILED" : "")}");
            }

            if (options.Stream)
            {
                using var adminClient = NewClient(host.BaseUrl, h => h.Add("X-Auth-Token", adminToken));
                var (heap, bytes, ms, ok) = await StreamAllRulesAsync(adminClient);
                Console.WriteLine($"  all {m.Rules:N0} rules as CloudAdmin: {bytes / 1048576.0:F0} MB in {ms / 1000:F1} s; server managed heap peak {heap / 1048576.0:F0} MB above idle{(ok ? "" : "  FAILED")}");
                if (ok)
                {
                    results.Add(new Result(provider, m.Size, StreamRow, heap / 1048576.0, ms, 1, false));
                }
            }

            if (options.Pages)
            {
                await ScalePages.MeasureAsync(host, m, admin.Email!, options.Loads, options.ColdPages, (name, median, p95, n) =>
                    results.Add(new Result(provider, m.Size, name, median, p95, n, false)));
            }
        }
        finally
        {
            await ScaleSeeder.DeleteWorkingCopyAsync(provider, connectionString, server);
        }
    }

    private const string StreamRow = "stream all rules: heap MB above idle";

    internal sealed record Loop(List<double> Ms, bool Failed);

    internal static async Task<Loop> ReadLoopAsync(HttpClient client, Read read, int count, TimeSpan cap)
    {
        var ms = new List<double>();
        var deadline = Stopwatch.GetTimestamp() + (long)(cap.TotalSeconds * Stopwatch.Frequency);
        for (var i = 0; i < count && (i == 0 || Stopwatch.GetTimestamp() < deadline); i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(read.Path, HttpCompletionOption.ResponseHeadersRead);
            if (i == 0 || !response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync();
                ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!Check(read, response, text))
                {
                    return new Loop(ms, true);
                }
                continue;
            }
            await using (var body = await response.Content.ReadAsStreamAsync())
            {
                await body.CopyToAsync(Stream.Null);
            }
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return new Loop(ms, false);
    }

    /// <summary>Checks a read's answer: status and the number of items (a collection's, or a group's rules).</summary>
    public static bool Check(Read read, HttpResponseMessage response, string text)
    {
        if (!response.IsSuccessStatusCode)
        {
            Console.WriteLine($"    ! GET {read.Path} answered {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
            return false;
        }
        var node = JsonNode.Parse(text)![read.Key]!;
        var count = node is JsonArray array ? array.Count : node["security_group_rules"]!.AsArray().Count;
        if (count != read.Expected)
        {
            Console.WriteLine($"    ! GET {read.Path}: {count} items, expected {read.Expected}");
            return false;
        }
        return true;
    }

    /// <summary>
    /// Reads every rule (GET /v2.0/security-group-rules as a CloudAdmin) while sampling this process's managed heap
    /// every 20 ms (GC.GetTotalMemory without collecting: live data and not-yet-collected garbage); returns the peak
    /// above the settled idle heap. The client drains the body through a pooled buffer, so the heap is the server's.
    /// </summary>
    private static async Task<(long Heap, long Bytes, double Ms, bool Ok)> StreamAllRulesAsync(HttpClient client)
    {
        var idle = BenchHost.SettledHeapBytes();
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(20, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var start = Stopwatch.GetTimestamp();
        long bytes = 0;
        var ok = false;
        try
        {
            using var response = await client.GetAsync("/v2.0/security-group-rules", HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0)
            {
                bytes += n;
            }
            ok = response.IsSuccessStatusCode;
        }
        catch (HttpRequestException e)
        {
            Console.WriteLine($"    ! streaming read failed: {e.Message}");
        }
        catch (TaskCanceledException e)
        {
            Console.WriteLine($"    ! streaming read timed out: {e.Message}");
        }
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        await stop.CancelAsync();
        await sampler;
        return (Math.Max(0, peak - idle), bytes, ms, ok);
    }

    public static HttpClient NewClient(string baseUrl, Action<System.Net.Http.Headers.HttpRequestHeaders> authenticate)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = 1,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(15) };
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        authenticate(client.DefaultRequestHeaders);
        return client;
    }

    /// <summary>src/SecGroupAdmin.Web, found from the output folder upwards (as the tests' content root).</summary>
    private static string WebContentRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecGroupAdmin.sln")))
        {
            dir = dir.Parent;
        }
        return dir is null ? AppContext.BaseDirectory : Path.Combine(dir.FullName, "src", "SecGroupAdmin.Web");
    }

    // ---- the table and the targets ----

    private static bool Verdicts(Options options, List<Result> results, ReferenceRun? reference)
    {
        var pass = true;
        foreach (var provider in options.Providers)
        {
            var mine = results.Where(r => r.Provider == provider).ToList();
            var sizes = mine.Select(r => r.Size).Distinct().Order().ToList();
            if (sizes.Count == 0)
            {
                continue;
            }
            Console.WriteLine();
            Console.WriteLine($"{provider}: median / p95 in ms (stream row: heap MB / time ms; page rows: ms from navigation start)");
            var header = $"| {"read",-44} |" + string.Concat(sizes.Select(s => $" {s,9:N0} rules |")) + (sizes.Count > 1 ? " largest/smallest |" : "");
            Console.WriteLine(header);
            Console.WriteLine("|" + string.Join("|", header.Split('|')[1..^1].Select(c => new string('-', c.Length))) + "|");
            foreach (var name in mine.Select(r => r.Name).Distinct())
            {
                var row = mine.Where(r => r.Name == name).ToDictionary(r => r.Size);
                var line = $"| {name,-44} |" + string.Concat(sizes.Select(s => row.TryGetValue(s, out var r) ? $" {Fmt(r.Median)} / {Fmt(r.P95)} |".PadLeft(18) : $" {"–",15} |"));
                if (sizes.Count > 1 && row.TryGetValue(sizes[0], out var first) && row.TryGetValue(sizes[^1], out var last))
                {
                    line += $" {last.Median / first.Median,15:F2}x |";
                }
                Console.WriteLine(line);
            }
            Console.WriteLine();

            var smallest = sizes[0];
            var largest = sizes[^1];
            foreach (var small in mine.Where(r => r.Small && r.Size == largest))
            {
                var baseline = mine.FirstOrDefault(r => r.Name == small.Name && r.Size == smallest);
                var growth = baseline is null ? 1 : small.Median / baseline.Median;
                pass &= BenchHost.Report(small.Median <= SmallReadMedianMs && (sizes.Count == 1 || growth <= SmallReadGrowth),
                    $"{provider} {small.Name}: median {small.Median:F2} ms at {largest:N0} rules (target <= {SmallReadMedianMs} ms), " +
                    $"{growth:F2}x the median at {smallest:N0} (target <= {SmallReadGrowth}x)");
            }
            foreach (var stream in mine.Where(r => r.Name == StreamRow && r.Size == largest))
            {
                pass &= BenchHost.Report(stream.Median * 1048576.0 < StreamHeapBytes,
                    $"{provider} streaming all {largest:N0} rules: server heap {stream.Median:F0} MB above idle (target < {StreamHeapBytes / 1048576.0:F0} MB)");
            }
            foreach (var page in mine.Where(r => r.Size == largest && r.Name.StartsWith(ScalePages.Prefix, StringComparison.Ordinal)))
            {
                var target = ScalePages.TargetOf(page.Name, AuditPageMs, OverviewMs, GroupsPageMs);
                if (target is { } t)
                {
                    pass &= BenchHost.Report(page.Median <= t,
                        $"{provider} {page.Name}: median {page.Median:F0} ms, p95 {page.P95:F0} ms at {largest:N0} rules (target <= {t:F0} ms)");
                }
            }
        }

        if (reference is not null)
        {
            // Ours at the measured size nearest to what the reference holds.
            var ours = results.Where(r => r.Provider == options.Providers[0]).ToList();
            var size = ours.Select(r => r.Size).Distinct().OrderBy(s => Math.Abs(s - reference.Rules)).FirstOrDefault();
            Console.WriteLine();
            Console.WriteLine($"reference with {reference.Rules:N0} rules (seeded at {reference.RulesPerSecond:F1} rules/s) vs ours ({options.Providers[0]}) at {size:N0} rules; median / p95 ms");
            Console.WriteLine($"| {"read",-38} | {"reference",17} | {"ours",17} | ratio median | ratio p95 |");
            Console.WriteLine($"|{new string('-', 40)}|{new string('-', 19)}|{new string('-', 19)}|--------------|-----------|");
            foreach (var r in reference.Results)
            {
                var o = ours.FirstOrDefault(x => x.Name == r.Name && x.Size == size);
                if (o is null)
                {
                    Console.WriteLine($"| {r.Name,-38} | {Fmt(r.Median)} / {Fmt(r.P95)} | – | – | – |");
                    continue;
                }
                Console.WriteLine($"| {r.Name,-38} | {Fmt(r.Median),7} / {Fmt(r.P95),7} | {Fmt(o.Median),7} / {Fmt(o.P95),7} | {r.Median / o.Median,11:F1}x | {r.P95 / o.P95,8:F1}x |");
            }
            Console.WriteLine();
            foreach (var r in reference.Results)
            {
                if (ours.FirstOrDefault(x => x.Name == r.Name && x.Size == size) is { } o)
                {
                    pass &= BenchHost.Report(r.Median / o.Median >= ReferenceRatio,
                        $"reference/ours {r.Name}: {r.Median / o.Median:F1}x (target >= {ReferenceRatio}x)");
                }
            }
        }
        return pass;
    }

    private static string Fmt(double v) => v >= 100 ? v.ToString("F0", CultureInfo.InvariantCulture) : v.ToString("F2", CultureInfo.InvariantCulture);
}
