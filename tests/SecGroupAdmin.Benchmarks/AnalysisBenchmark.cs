using System.Diagnostics;
using System.Globalization;
using SecGroupAdmin.Domain.Analysis;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// The analysis suite (issue #17): a port with 5 groups x 2,000 rules (tcp/udp/icmp, ranges, prefixes, IPv6, remote
/// groups of 20 ports, an address group), 1,000 ports on the first group. Prints median and p95 of: what-if on a warm
/// model (the port's index built once) and on a cold one (model built and indexed by the query); findings of the
/// 2,000-rule group; effective rules of the port; exposure diff of one rule edit on the group used by 1,000 ports.
/// Cold figures build a new <see cref="AnalysisModel"/> each time from ready-made lists (no database).
/// </summary>
public static class AnalysisBenchmark
{
    private const int GroupCount = 5;
    private const int RulesPerGroup = 2_000;
    private const int PortsOnFirstGroup = 1_000;
    private const double TargetWhatIfMs = 1;
    private const double TargetFindingsMs = 200;
    private const double TargetEffectiveMs = 50;
    private const double TargetDiffMs = 100;

    public static int Run(string[] args)
    {
        int rounds = args.Length > 1 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        var random = new Random(17);
        (List<AnalysisRule> rules, List<AnalysisPort> ports, List<AnalysisAddressGroup> addressGroups) = World(random);
        string portId = "port-0";
        Console.WriteLine($"Analysis benchmark: {GroupCount} groups x {RulesPerGroup:N0} rules on {portId}, {PortsOnFirstGroup:N0} ports on group g0, " +
            $"{rules.Count:N0} rules and {ports.Count:N0} ports in all; load average {LoadAverage()}");
        Console.WriteLine($"{"operation",-58} {"median ms",10} {"p95 ms",10} {"target ms",10}");

        var warm = new AnalysisModel(rules, ports, addressGroups);
        List<FlowQuery> flows = [.. Enumerable.Range(0, 4_000).Select(_ => RandomFlow(random, portId))];
        int allowed = flows.Count(f => FlowCheck.Check(warm, f).Allowed); // warm-up, and the index is built
        var whatIf = Measure("what-if, warm model (index built once), per query", flows.Count, i => FlowCheck.Check(warm, flows[i]).Allowed);
        Console.WriteLine($"  ({allowed:N0} of {flows.Count:N0} random flows allowed)");
        Measure("what-if, cold: new model + index + query", rounds, i =>
            FlowCheck.Check(new AnalysisModel(rules, ports, addressGroups), flows[i]).IsValid);
        var findings = Measure("findings of the 2,000-rule group g0 (new model)", rounds, _ =>
            RuleFindings.ForGroup(new AnalysisModel(rules, ports, addressGroups), "g0").Count >= 0);
        Measure("findings of the port (10,000 rules, new model)", Math.Max(3, rounds / 3), _ =>
            RuleFindings.ForPort(new AnalysisModel(rules, ports, addressGroups), portId).Count >= 0);
        var effective = Measure("effective rules of the port (new model)", rounds, _ =>
            EffectiveRules.Of(new AnalysisModel(rules, ports, addressGroups), portId)!.Rules.Count > 0);
        AnalysisRule edited = rules.First(r => r.SecurityGroupId == "g0" && r.Rule.Protocol == "tcp");
        var change = new DraftChange { ChangedRules = [edited with { Rule = edited.Rule with { PortRangeMin = 22, PortRangeMax = 22, RemoteIpPrefix = "0.0.0.0/0", NormalizedCidr = "0.0.0.0/0" } }] };
        IReadOnlyList<ExposureChange> diff = ExposureDiff.Compute(warm, change);
        var exposure = Measure("exposure diff of one rule edit on g0 (1,000 ports, new model)", rounds, _ =>
            ExposureDiff.Compute(new AnalysisModel(rules, ports, addressGroups), change).Count >= 0);
        foreach (ExposureChange line in diff.Take(4))
        {
            Console.WriteLine("  " + (line.Text.Length > 150 ? line.Text[..150] + "…" : line.Text));
        }

        bool pass = whatIf.Median <= TargetWhatIfMs && findings.Median <= TargetFindingsMs
            && effective.Median <= TargetEffectiveMs && exposure.Median <= TargetDiffMs;
        Console.WriteLine($"{(pass ? "PASS" : "FAIL")}: what-if {whatIf.Median:F3} ms (<= {TargetWhatIfMs}), findings {findings.Median:F1} ms (<= {TargetFindingsMs}), " +
            $"effective rules {effective.Median:F1} ms (<= {TargetEffectiveMs}), exposure diff {exposure.Median:F1} ms (<= {TargetDiffMs})");
        return pass ? 0 : 1;
    }

    private static (double Median, double P95) Measure(string name, int count, Func<int, bool> operation)
    {
        var times = new double[count];
        int sink = 0;
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            if (operation(i))
            {
                sink++;
            }
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        GC.KeepAlive(sink);
        Array.Sort(times);
        double median = times[count / 2];
        double p95 = times[Math.Min(count - 1, (int)Math.Ceiling(count * 0.95) - 1)];
        Console.WriteLine($"{name,-58} {median,10:F3} {p95,10:F3}");
        return (median, p95);
    }

    private static (List<AnalysisRule>, List<AnalysisPort>, List<AnalysisAddressGroup>) World(Random random)
    {
        var ports = new List<AnalysisPort>
        {
            new("port-0", "bench-0", true, ["10.0.0.10", "2001:db8::10"], [.. Enumerable.Range(0, GroupCount).Select(g => "g" + g)]),
        };
        for (int i = 1; i < PortsOnFirstGroup; i++)
        {
            ports.Add(new AnalysisPort("port-" + i, "web-" + i, true, [$"10.1.{i / 250}.{i % 250 + 1}"], ["g0"]));
        }
        for (int i = 0; i < 20; i++)
        {
            ports.Add(new AnalysisPort("bastion-" + i, "bastion-" + i, true, [$"10.9.0.{i + 1}", $"2001:db8:9::{i + 1:x}"], ["bastion"]));
        }
        var addressGroups = new List<AnalysisAddressGroup> { new("office", ["192.0.2.0/24", "198.51.100.0/25", "2001:db8:1::/48"]) };

        var rules = new List<AnalysisRule>(GroupCount * RulesPerGroup);
        for (int g = 0; g < GroupCount; g++)
        {
            for (int r = 0; r < RulesPerGroup; r++)
            {
                rules.Add(RandomRule(random, $"rule-{g}-{r}", "g" + g));
            }
        }
        return (rules, ports, addressGroups);
    }

    private static AnalysisRule RandomRule(Random random, string id, string group)
    {
        bool ipv6 = random.Next(5) == 0;
        string direction = random.Next(4) == 0 ? Directions.Egress : Directions.Ingress;
        int kind = random.Next(10);
        string? protocol = kind switch { < 6 => "tcp", < 8 => "udp", 8 => ipv6 ? "ipv6-icmp" : "icmp", _ => random.Next(2) == 0 ? null : "gre" };
        int? min = null, max = null;
        if (protocol is "tcp" or "udp" && random.Next(8) != 0)
        {
            min = random.Next(1, 60_000);
            max = random.Next(3) == 0 ? min + random.Next(0, 2_000) : min;
        }
        else if (protocol is "icmp" or "ipv6-icmp" && random.Next(2) == 0)
        {
            min = random.Next(0, 20);
            max = random.Next(2) == 0 ? null : random.Next(0, 5);
        }
        string? prefix = null, remoteGroup = null, addressGroup = null;
        int remote = random.Next(20);
        if (remote == 0)
        {
            remoteGroup = "bastion";
        }
        else if (remote == 1)
        {
            addressGroup = "office";
        }
        else if (remote > 3)
        {
            int length = random.Next(16, 33);
            prefix = ipv6
                ? $"2001:db8:{random.Next(0, 0xffff):x}::/{length + 32}"
                : $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}/{length}";
        }
        return AnalysisRule.Of(id, group, direction, ipv6 ? Ethertypes.IPv6 : Ethertypes.IPv4, protocol, min, max, prefix, remoteGroup, addressGroup);
    }

    private static FlowQuery RandomFlow(Random random, string portId)
    {
        bool ipv6 = random.Next(5) == 0;
        int kind = random.Next(10);
        string protocol = kind switch { < 6 => "tcp", < 8 => "udp", 8 => ipv6 ? "ipv6-icmp" : "icmp", _ => "gre" };
        int? port = protocol is "tcp" or "udp" ? random.Next(1, 65536) : null;
        int? type = protocol.Contains("icmp", StringComparison.Ordinal) ? random.Next(0, 20) : null;
        int? code = type is null ? null : random.Next(0, 5);
        string remote = ipv6 ? $"2001:db8:{random.Next(0, 0xffff):x}::{random.Next(1, 0xffff):x}" : $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}";
        return new FlowQuery(portId, random.Next(4) == 0 ? Directions.Egress : Directions.Ingress, ipv6 ? Ethertypes.IPv6 : Ethertypes.IPv4,
            protocol, port, type, code, remote);
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
