using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SecGroupAdmin.Domain.Protocols;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// The effective rules of a port: the union of the rules of all its groups, remote groups expanded to the addresses of
/// the ports in them now (a /32 or /128 each, of the rule's ethertype only), address groups to their CIDRs (of the
/// rule's ethertype), each line traced to the rules producing it. Identical lines from several rules are one line.
/// </summary>
public static class EffectiveRules
{
    /// <summary>The effective rules of <paramref name="portId"/>; null for an unknown port.</summary>
    /// <remarks>
    /// Optimised from its first call: one call runs loops over thousands of rules and lines, which unoptimised
    /// (tier-0) code ran about twice as slowly while the method was still warming up (issue #17's benchmark).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static EffectiveRuleSet? Of(AnalysisModel model, string portId)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.FindPort(portId) is not { } port)
        {
            return null;
        }
        if (!port.PortSecurityEnabled)
        {
            return new EffectiveRuleSet(port.Id, true, [],
                ["Port security is off on this port: it allows all traffic in both directions, whatever its security groups say."]);
        }

        // A line is identified by numbers only (the protocol name follows from its number, the remote CIDR from its
        // interval); texts are made once per distinct head ("ALLOW IPv4 22/tcp from ") and per distinct remote.
        List<int> ruleIndices = model.RuleIndicesOfGroups(port.SecurityGroupIds);
        var lineIndex = new Dictionary<LineKey, int>(ruleIndices.Count * 2);
        var keys = new List<LineKey>(ruleIndices.Count * 2);
        var firstSources = new List<EffectiveRuleSource>(ruleIndices.Count * 2);
        Dictionary<int, List<EffectiveRuleSource>>? moreSources = null;
        var notes = new List<string>();
        foreach (int index in ruleIndices)
        {
            CompiledRule compiled = model.Compiled(index);
            NormalizedRule rule = compiled.Source.Rule;
            bool hasPorts = compiled.Protocol != CompiledRule.AllProtocols
                && (IpProtocols.AllowsPorts(compiled.Protocol) || IpProtocols.IsIcmp(compiled.Protocol));
            (int? min, int? max) = hasPorts ? (rule.PortRangeMin, rule.PortRangeMax) : ((int?)null, (int?)null);
            if (min == 1 && max == 65535)
            {
                (min, max) = (null, null);
            }

            string? via = compiled.Remote switch
            {
                RemoteKind.Group => "remote group " + compiled.RemoteId,
                RemoteKind.AddressGroup => "address group " + compiled.RemoteId,
                _ => null,
            };
            var source = new EffectiveRuleSource(compiled.Source.Id, rule.SecurityGroupId, via);
            TrafficBox[] boxes = model.BoxesOf(index, RemoteExpansion.CurrentMembers);
            if (boxes.Length == 0)
            {
                notes.Add(compiled.Remote switch
                {
                    RemoteKind.Group => $"Rule {source.RuleId} allows nothing now: remote group {compiled.RemoteId} has no port with an {rule.Ethertype} address.",
                    RemoteKind.AddressGroup => $"Rule {source.RuleId} allows nothing now: address group {compiled.RemoteId} has no {rule.Ethertype} address.",
                    _ => $"Rule {source.RuleId} allows nothing: it cannot be read (direction, ethertype, protocol or prefix).",
                });
                continue;
            }
            foreach (TrafficBox box in boxes)
            {
                var key = new LineKey(compiled.Direction, compiled.Ipv6, compiled.Protocol, min ?? -1, max ?? -1, box.X0, box.X1);
                ref int line = ref CollectionsMarshal.GetValueRefOrAddDefault(lineIndex, key, out bool exists);
                if (!exists)
                {
                    line = keys.Count;
                    keys.Add(key);
                    firstSources.Add(source);
                }
                else if (firstSources[line] != source)
                {
                    moreSources ??= [];
                    if (!moreSources.TryGetValue(line, out List<EffectiveRuleSource>? more))
                    {
                        moreSources[line] = more = [firstSources[line]];
                    }
                    if (!more.Contains(source))
                    {
                        more.Add(source);
                    }
                }
            }
        }

        var order = new int[keys.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) => Compare(keys[a], keys[b]));
        var heads = new Dictionary<(int, bool, int, int, int), (string? Protocol, string Head)>();
        var remotes = new Dictionary<(UInt128, UInt128, bool), string>();
        var result = new List<EffectiveRule>(keys.Count);
        foreach (int i in order)
        {
            LineKey key = keys[i];
            int? min = key.Min < 0 ? null : key.Min;
            int? max = key.Max < 0 ? null : key.Max;
            string direction = key.Direction == 0 ? Directions.Ingress : Directions.Egress;
            string ethertype = key.Ipv6 ? Ethertypes.IPv6 : Ethertypes.IPv4;
            if (!heads.TryGetValue((key.Direction, key.Ipv6, key.ProtocolNumber, key.Min, key.Max), out var head))
            {
                string? protocol = key.ProtocolNumber == CompiledRule.AllProtocols
                    ? null
                    : IpProtocols.CanonicalName(key.ProtocolNumber) ?? IpProtocols.NumberText(key.ProtocolNumber);
                // RuleText.Describe ends with the prefix as given: describe once with a placeholder and keep the head.
                var asRule = new NormalizedRule("", direction, ethertype, protocol, min, max, "x", "x", null, null, "");
                string text = RuleText.Describe(asRule);
                head = (protocol, text[..^1]);
                heads[(key.Direction, key.Ipv6, key.ProtocolNumber, key.Min, key.Max)] = head;
            }
            if (!remotes.TryGetValue((key.X0, key.X1, key.Ipv6), out string? remote))
            {
                remote = AddressMath.ToCidrs(key.X0, key.X1, key.Ipv6)[0];
                remotes[(key.X0, key.X1, key.Ipv6)] = remote;
            }
            IReadOnlyList<EffectiveRuleSource> sources = moreSources is not null && moreSources.TryGetValue(i, out List<EffectiveRuleSource>? all)
                ? all
                : [firstSources[i]];
            result.Add(new EffectiveRule(direction, ethertype, head.Protocol, min, max, remote, sources, head.Head + remote));
        }
        return new EffectiveRuleSet(port.Id, false, result, notes);
    }

    /// <summary>Ingress first, then IPv4, protocol number, ports (none first), remote interval.</summary>
    private static int Compare(in LineKey a, in LineKey b)
    {
        int c = a.Direction.CompareTo(b.Direction);
        c = c != 0 ? c : a.Ipv6.CompareTo(b.Ipv6);
        c = c != 0 ? c : a.ProtocolNumber.CompareTo(b.ProtocolNumber);
        c = c != 0 ? c : a.Min.CompareTo(b.Min);
        c = c != 0 ? c : a.Max.CompareTo(b.Max);
        c = c != 0 ? c : a.X0.CompareTo(b.X0);
        return c != 0 ? c : a.X1.CompareTo(b.X1);
    }

    /// <summary>A line by numbers: no ports is -1 in <see cref="Min"/>/<see cref="Max"/>.</summary>
    private readonly record struct LineKey(int Direction, bool Ipv6, int ProtocolNumber, int Min, int Max, UInt128 X0, UInt128 X1);
}
