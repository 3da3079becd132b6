using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// The scale suite's <c>--reference</c> part: a Neutron server (header auth: X-User-Id / X-Project-Id / X-Roles)
/// seeded through its own API within a time budget, then the same reads as ours. Seeding, with 8 parallel clients:
/// first a project with 2,000 groups (each with Neutron's 2 egress rules) and a group of 500 rules (bulk POSTs of 100),
/// then more 500-rule groups in a second project until the budget is spent. Prints the seeding rate.
/// </summary>
public static class ScaleReference
{
    private const int Workers = 8;
    private const int RulesPerPost = 100;

    public static async Task<ReferenceRun> RunAsync(string baseUrl, TimeSpan budget, int requests, TimeSpan readCap)
    {
        var big = Guid.NewGuid().ToString("N");
        var groups = Guid.NewGuid().ToString("N");
        using (var admin = Client(baseUrl, "bench-admin-project", "admin,member,reader"))
        {
            foreach (var project in new[] { big, groups })
            {
                using var response = await admin.PutAsync($"/v2.0/quotas/{project}",
                    Json("""{"quota": {"security_group": -1, "security_group_rule": -1}}"""));
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"reference quota PUT answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }
        using var bigClient = Client(baseUrl, big, "member");
        using var groupsClient = Client(baseUrl, groups, "member");

        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        var rules = 0;
        // Phase 1: the 2,000-group project (stops early at the deadline) and the first 500-rule group.
        var firstGroup = await CreateGroupAsync(bigClient, "big-0000");
        rules += 2;
        await FillGroupAsync(bigClient, firstGroup, ScaleSeeder.RulesPerBigGroup, long.MaxValue);
        rules += ScaleSeeder.RulesPerBigGroup;
        var next = -1;
        var groupIds = new string[ScaleSeeder.GroupsInGroupsTenant];
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            int g;
            while ((g = Interlocked.Increment(ref next)) < groupIds.Length && Stopwatch.GetTimestamp() < deadline)
            {
                groupIds[g] = await CreateGroupAsync(groupsClient, $"g-{g:D4}");
                Interlocked.Add(ref rules, 2);
            }
        })));
        var madeGroups = groupIds.Count(id => id is not null);
        Console.WriteLine($"  reference: {madeGroups:N0} groups in the groups project and a 500-rule group after {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");

        // Phase 2: more 500-rule groups in the big project until the deadline.
        var bigGroups = 1;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var n = Interlocked.Increment(ref bigGroups);
                var id = await CreateGroupAsync(bigClient, $"big-{n - 1:D4}");
                Interlocked.Add(ref rules, 2);
                Interlocked.Add(ref rules, await FillGroupAsync(bigClient, id, ScaleSeeder.RulesPerBigGroup, deadline));
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        // Each project also has its default group with 4 rules.
        rules += 8;
        Console.WriteLine($"  reference seeded: {rules:N0} rules ({bigGroups:N0} groups in the big project, {madeGroups:N0} in the groups project) in {seconds:F0} s: {rules / seconds:F1} rules/s");

        // The ids the reads need, as for ours.
        var ids = (await GetJsonAsync(bigClient, "/v2.0/security-group-rules?fields=id"))["security_group_rules"]!.AsArray()
            .Select(r => (string)r!["id"]!).Order(StringComparer.Ordinal).ToList();
        var oneRule = (string)(await GetJsonAsync(bigClient, $"/v2.0/security-group-rules?security_group_id={firstGroup}&fields=id&limit=1"))["security_group_rules"]![0]!["id"]!;
        var named = groupIds[Math.Min(madeGroups - 1, ScaleSeeder.GroupsInGroupsTenant * 3 / 4)];
        var byId = groupIds[Math.Min(madeGroups - 1, ScaleSeeder.GroupsInGroupsTenant / 3)];
        var namedName = (string)(await GetJsonAsync(groupsClient, $"/v2.0/security-groups/{named}"))["security_group"]!["name"]!;
        var manifest = new ScaleManifest(rules, rules, 2, bigGroups + madeGroups + 2, 0, big, groups, firstGroup, ids.Count, oneRule,
            ids[ids.Count * 9 / 10], byId, namedName, big);

        var results = new List<ScaleBenchmark.Result>();
        foreach (var read in ScaleBenchmark.Reads(manifest))
        {
            // The 500-rule group embeds 500 rules plus Neutron's 2 egress rules; the groups project has what was made + default.
            var expected = read.Name.StartsWith("500 rules", StringComparison.Ordinal) || read.Name.StartsWith("show one group", StringComparison.Ordinal)
                ? ScaleSeeder.RulesPerBigGroup + 2
                : read.Name.StartsWith("all groups", StringComparison.Ordinal) ? madeGroups + 1 : read.Expected;
            var adjusted = read with { Expected = expected };
            var client = read.AsGroupsTenant ? groupsClient : bigClient;
            var warm = await ScaleBenchmark.ReadLoopAsync(client, adjusted, 5, readCap);
            var loop = warm.Failed ? warm : await ScaleBenchmark.ReadLoopAsync(client, adjusted, Math.Max(10, requests / 5), readCap);
            var median = BenchHost.Percentile(loop.Ms, 0.5);
            var p95 = BenchHost.Percentile(loop.Ms, 0.95);
            Console.WriteLine($"  reference {read.Name,-38} n={loop.Ms.Count,4} median {median,9:F2} ms  p95 {p95,9:F2} ms{(loop.Failed ? "  FAILED" : "")}");
            if (!loop.Failed)
            {
                results.Add(new ScaleBenchmark.Result(default, rules, read.Name, median, p95, loop.Ms.Count, read.Small));
            }
        }
        return new ReferenceRun(rules, rules / seconds, results);
    }

    private static HttpClient Client(string baseUrl, string project, string roles)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = Workers })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(5),
        };
        client.DefaultRequestHeaders.Add("X-User-Id", "bench-user");
        client.DefaultRequestHeaders.Add("X-Project-Id", project);
        client.DefaultRequestHeaders.Add("X-Roles", roles);
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> CreateGroupAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsync("/v2.0/security-groups", Json($$$"""{"security_group": {"name": "{{{name}}}"}}"""));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? (string)JsonNode.Parse(text)!["security_group"]!["id"]!
            : throw new InvalidOperationException($"reference: create group answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>Adds <paramref name="count"/> distinct ingress rules in bulk POSTs of 100, stopping at the deadline; returns how many.</summary>
    private static async Task<int> FillGroupAsync(HttpClient client, string groupId, int count, long deadline)
    {
        var made = 0;
        for (var start = 0; start < count && Stopwatch.GetTimestamp() < deadline; start += RulesPerPost)
        {
            var items = Enumerable.Range(start, Math.Min(RulesPerPost, count - start)).Select(k =>
                $$"""{"security_group_id": "{{groupId}}", "direction": "ingress", "ethertype": "IPv4", "protocol": "{{(k % 10 < 6 ? "tcp" : "udp")}}", "port_range_min": {{1000 + k}}, "port_range_max": {{1000 + k}}, "remote_ip_prefix": "10.{{k / 256 % 256}}.{{k % 256}}.0/24"}""");
            using var response = await client.PostAsync("/v2.0/security-group-rules", Json($$"""{"security_group_rules": [{{string.Join(",", items)}}]}"""));
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"reference: bulk rule create answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            made += Math.Min(RulesPerPost, count - start);
        }
        return made;
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!
            : throw new InvalidOperationException($"reference: GET {path} answered {(int)response.StatusCode}: {text}");
    }
}

/// <summary>What the reference held and how its reads went.</summary>
public sealed record ReferenceRun(int Rules, double RulesPerSecond, List<ScaleBenchmark.Result> Results);
