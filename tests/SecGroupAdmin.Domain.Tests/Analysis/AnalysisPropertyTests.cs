using CsCheck;
using SecGroupAdmin.Domain.Analysis;

namespace SecGroupAdmin.Domain.Tests.Analysis;

/// <summary>
/// Property-based tests (CsCheck): random rule sets over three groups, three ports and an address group, every packet
/// of a small space enumerated (<see cref="BruteForce"/>), and the analysis must agree exactly with the brute force:
/// allowed, the matching rules (all of them, in order), the effective rules, redundancy and the exposure diff.
/// </summary>
public class AnalysisPropertyTests
{
    private static readonly string[] Groups = ["g1", "g2", "g3"];
    private static readonly string?[] V4Protocols = [null, "tcp", "6", "udp", "17", "icmp", "1", "gre", "0", "ip", "sctp"];
    private static readonly string?[] V6Protocols = [null, "tcp", "udp", "icmp", "icmpv6", "ipv6-icmp", "58", "1", "gre", "hopopt"];
    private static readonly string[] V4Prefixes =
        ["10.0.0.0/29", "10.0.0.0/30", "10.0.0.4/30", "10.0.0.4/31", "10.0.0.6/31", "10.0.0.5/32", "10.0.0.3/29", "10.0.0.0/24", "10.0.0.2/32", "0.0.0.0/0"];
    private static readonly string[] V6Prefixes =
        ["2001:db8::/126", "2001:db8::/127", "2001:db8::2/127", "2001:db8::1/128", "2001:db8::3/64", "::/0"];
    private static readonly string[] AddressGroupPool = ["10.0.0.0/30", "10.0.0.6/31", "2001:db8::2/127", "10.0.0.7/32", "2001:db8::/64"];

    private static readonly List<BruteForce.Packet> Concrete = BruteForce.Packets();
    private static readonly List<BruteForce.Packet> WithTokens = BruteForce.Packets(tokens: true);

    /// <summary>A random small world: 0-14 rules, 3 ports (the third may have port security off), one address group.</summary>
    private static readonly Gen<AnalysisModel> Worlds =
        Gen.Select(Gen.Int[0, 9999].Array[8].Array[0, 14], Gen.Int[0, 9999].Array[6].Array[3], Gen.Int[0, 31],
            (rules, ports, agMask) => Build(rules, ports, agMask));

    private static AnalysisModel Build(int[][] rules, int[][] ports, int agMask)
    {
        var built = new List<AnalysisRule>();
        for (int i = 0; i < rules.Length; i++)
        {
            built.Add(RuleFrom("r" + i, rules[i]));
        }
        var builtPorts = new List<AnalysisPort>();
        for (int i = 0; i < ports.Length; i++)
        {
            int[] v = ports[i];
            var groups = Groups.Where((_, g) => (v[0] >> g & 1) == 1 || (i == 0 && g == 0)).ToList();
            if (v[5] % 2 == 0)
            {
                groups.Reverse();
            }
            var ips = new List<string> { BruteForce.V4Addresses[v[1] % 8] };
            if (v[2] % 3 == 0)
            {
                ips.Add(BruteForce.V4Addresses[v[3] % 8]);
            }
            if (v[4] % 2 == 0)
            {
                ips.Add(BruteForce.V6Addresses[v[4] % 4]);
            }
            bool security = !(i == 2 && v[5] % 7 == 0);
            builtPorts.Add(new AnalysisPort("p" + (i + 1), "port-" + (i + 1), security, ips.Distinct().ToList(), groups));
        }
        var addressGroup = new AnalysisAddressGroup("ag1", [.. AddressGroupPool.Where((_, k) => (agMask >> k & 1) == 1)]);
        return new AnalysisModel(built, builtPorts, [addressGroup]);
    }

    private static AnalysisRule RuleFrom(string id, int[] v)
    {
        string group = Groups[v[0] % 3];
        string direction = v[1] % 2 == 0 ? "ingress" : "egress";
        bool ipv6 = v[2] % 3 == 0;
        string?[] protocols = ipv6 ? V6Protocols : V4Protocols;
        string? protocol = protocols[v[3] % protocols.Length];
        int? min = null, max = null;
        int? number = BruteForce.ProtocolOf(protocol, ipv6);
        if (number is 6 or 17 or 132 && v[4] % 4 != 0)
        {
            min = 1 + (v[5] % 7);
            max = min + (v[6] % 4);
        }
        else if (number is 1 or 58 && v[4] % 3 != 0)
        {
            min = v[5] % 3;
            max = v[6] % 2 == 0 ? null : v[6] % 3;
        }
        string? prefix = null, remoteGroup = null, addressGroup = null;
        switch (v[7] % 10)
        {
            case 0 or 1:
                break;
            case 6 or 7:
                remoteGroup = Groups[(v[7] / 10) % 3];
                break;
            case 8:
                addressGroup = "ag1";
                break;
            default:
                string[] pool = ipv6 ? V6Prefixes : V4Prefixes;
                prefix = pool[(v[7] / 10) % pool.Length];
                break;
        }
        return AnalysisRule.Of(id, group, direction, ipv6 ? "IPv6" : "IPv4", protocol, min, max, prefix, remoteGroup, addressGroup);
    }

    /// <summary>The world in words, printed by CsCheck for a failing sample.</summary>
    private static string Describe(AnalysisModel model) =>
        string.Join("\n", model.Rules.Select(r => r.ToString())
            .Concat(model.Ports.Select(p => $"{p.Id} security={p.PortSecurityEnabled} ips={string.Join(",", p.FixedIps)} groups={string.Join(",", p.SecurityGroupIds)}"))
            .Concat(model.AddressGroups.Select(a => $"{a.Id}: {string.Join(",", a.Addresses)}")));

    private static List<AnalysisRule> RulesOfPort(AnalysisModel model, AnalysisPort port) =>
        [.. port.SecurityGroupIds.Distinct().SelectMany(model.RulesOfGroup)];

    private static bool[] Verdicts(IEnumerable<AnalysisRule> rules, AnalysisModel model, List<BruteForce.Packet> packets)
    {
        var list = rules.ToList();
        return [.. packets.Select(p => list.Any(r => BruteForce.Allows(r, p, model.Ports, model.AddressGroups)))];
    }

    [Fact]
    public void What_if_agrees_with_brute_force_on_allowed_and_every_matching_rule()
    {
        Worlds.Sample(model =>
        {
            foreach (AnalysisPort port in model.Ports)
            {
                List<AnalysisRule> rules = RulesOfPort(model, port);
                foreach (BruteForce.Packet packet in Concrete)
                {
                    FlowVerdict verdict = FlowCheck.Check(model, packet.Query(port.Id));
                    Assert.True(verdict.IsValid, verdict.Reason);
                    if (!port.PortSecurityEnabled)
                    {
                        Assert.True(verdict.Allowed);
                        Assert.Empty(verdict.MatchingRules);
                        continue;
                    }
                    string[] expected = [.. rules.Where(r => BruteForce.Allows(r, packet, model.Ports, model.AddressGroups)).Select(r => r.Id)];
                    Assert.Equal(expected, verdict.MatchingRules.Select(r => r.RuleId));
                    Assert.Equal(expected.Length > 0, verdict.Allowed);
                }
            }
        }, iter: 12, threads: 1, print: Describe);
    }

    [Fact]
    public void Effective_rules_allow_exactly_what_the_rules_allow()
    {
        Worlds.Sample(model =>
        {
            foreach (AnalysisPort port in model.Ports.Where(p => p.PortSecurityEnabled))
            {
                EffectiveRuleSet set = EffectiveRules.Of(model, port.Id)!;
                var lines = set.Rules.Select((line, i) => AnalysisRule.Of("e" + i, "x", line.Direction, line.Ethertype,
                    line.Protocol, line.PortRangeMin, line.PortRangeMax, line.Remote)).ToList();
                Assert.Equal(Verdicts(RulesOfPort(model, port), model, Concrete), Verdicts(lines, model, Concrete));
                foreach (EffectiveRule line in set.Rules)
                {
                    Assert.NotEmpty(line.Sources);
                }
            }
        }, iter: 60, threads: 1, print: Describe);
    }

    [Fact]
    public void Port_redundancy_is_safe_to_remove_all_at_once_and_every_kept_rule_is_needed()
    {
        Worlds.Sample(model =>
        {
            foreach (AnalysisPort port in model.Ports.Where(p => p.PortSecurityEnabled))
            {
                List<AnalysisRule> rules = RulesOfPort(model, port);
                var reported = RuleFindings.ForPort(model, port.Id).Where(f => f.Kind == FindingKind.Redundant).Select(f => f.RuleId).ToHashSet();
                AssertRedundancy(model, rules, reported, Concrete);
            }
        }, iter: 40, threads: 1, print: Describe);
    }

    [Fact]
    public void Group_redundancy_as_of_now_agrees_with_brute_force()
    {
        Worlds.Sample(model =>
        {
            foreach (string group in Groups)
            {
                var reported = RuleFindings.ForGroup(model, group, RemoteExpansion.CurrentMembers)
                    .Where(f => f.Kind == FindingKind.Redundant).Select(f => f.RuleId).ToHashSet();
                AssertRedundancy(model, [.. model.RulesOfGroup(group)], reported, Concrete);
            }
        }, iter: 60, threads: 1, print: Describe);
    }

    [Fact]
    public void Group_redundancy_whatever_the_members_agrees_with_brute_force_over_symbolic_remotes()
    {
        Worlds.Sample(model =>
        {
            foreach (string group in Groups)
            {
                var reported = RuleFindings.ForGroup(model, group)
                    .Where(f => f.Kind == FindingKind.Redundant).Select(f => f.RuleId).ToHashSet();
                // Symbolic: remote groups and the address group are sources of their own, so only the tokens and the
                // addresses of explicit prefixes count; membership is ignored by emptying the ports.
                var symbolic = new AnalysisModel(model.Rules, [], []);
                AssertRedundancy(symbolic, [.. model.RulesOfGroup(group)], reported, WithTokens);
            }
        }, iter: 60, threads: 1, print: Describe);
    }

    [Fact]
    public void Exposure_diff_names_exactly_the_ports_where_some_packet_changes()
    {
        var draws = Gen.Select(Worlds, Gen.Int[0, 9999].Array[8], Gen.Int[0, 99], (model, rule, pick) => (model, rule, pick));
        draws.Sample(t =>
        {
            var (model, ruleValues, pick) = t;
            DraftChange change = (pick % 4, model.Rules.Count) switch
            {
                (0, > 0) => new DraftChange { RemovedRuleIds = [model.Rules[pick % model.Rules.Count].Id] },
                (1, > 0) => new DraftChange { ChangedRules = [RuleFrom(model.Rules[pick % model.Rules.Count].Id, ruleValues) with { }] },
                (2, _) => new DraftChange { AttachedGroups = [new PortGroupLink("p" + (1 + pick % 3), Groups[pick / 3 % 3])] },
                _ => new DraftChange { AddedRules = [RuleFrom("new", ruleValues)] },
            };
            if (change.ChangedRules.Count == 1)
            {
                // A changed rule keeps its group.
                AnalysisRule old = model.FindRule(change.ChangedRules[0].Id)!;
                change = change with { ChangedRules = [change.ChangedRules[0] with { Rule = change.ChangedRules[0].Rule with { SecurityGroupId = old.SecurityGroupId } }] };
            }
            AnalysisModel after = model.Apply(change);
            IReadOnlyList<ExposureChange> diff = ExposureDiff.Compute(model, change);
            foreach (AnalysisPort port in model.Ports)
            {
                AnalysisPort next = after.FindPort(port.Id)!;
                bool[] was = port.PortSecurityEnabled ? Verdicts(RulesOfPort(model, port), model, Concrete) : [.. Concrete.Select(_ => true)];
                bool[] now = next.PortSecurityEnabled ? Verdicts(RulesOfPort(after, next), after, Concrete) : [.. Concrete.Select(_ => true)];
                bool opens = was.Zip(now).Any(x => !x.First && x.Second);
                bool blocks = was.Zip(now).Any(x => x.First && !x.Second);
                Assert.Equal(opens, diff.Any(c => c.Kind == ExposureChangeKind.Opens && c.PortIds.Contains(port.Id)));
                Assert.Equal(blocks, diff.Any(c => c.Kind == ExposureChangeKind.Blocks && c.PortIds.Contains(port.Id)));
            }
        }, iter: 60, threads: 1, print: t => Describe(t.model) + " change " + t.pick + " " + RuleFrom("x", t.rule));
    }

    /// <summary>
    /// Removing every reported rule at once changes no packet's verdict; and in what is left, removing any one rule
    /// changes some packet (the findings leave no redundancy behind, and never report two rules that only cover each
    /// other).
    /// </summary>
    private static void AssertRedundancy(AnalysisModel model, List<AnalysisRule> rules, HashSet<string> reported, List<BruteForce.Packet> packets)
    {
        bool[] all = Verdicts(rules, model, packets);
        var kept = rules.Where(r => !reported.Contains(r.Id)).ToList();
        Assert.Equal(all, Verdicts(kept, model, packets));
        foreach (AnalysisRule rule in kept)
        {
            Assert.NotEqual(all, Verdicts(kept.Where(r => r != rule), model, packets));
        }
    }
}
