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

        var lines = new Dictionary<LineKey, List<EffectiveRuleSource>>();
        var notes = new List<string>();
        foreach (int index in model.RuleIndicesOfGroups(port.SecurityGroupIds))
        {
            CompiledRule compiled = model.Compiled(index);
            NormalizedRule rule = compiled.Source.Rule;
            string? protocol = compiled.Protocol == CompiledRule.AllProtocols
                ? null
                : IpProtocols.CanonicalName(compiled.Protocol) ?? IpProtocols.NumberText(compiled.Protocol);
            (int? min, int? max) = protocol is null || (!IpProtocols.AllowsPorts(compiled.Protocol) && !IpProtocols.IsIcmp(compiled.Protocol))
                ? ((int?)null, (int?)null)
                : (rule.PortRangeMin, rule.PortRangeMax);
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
                string remote = AddressMath.ToCidrs(box.X0, box.X1, compiled.Ipv6)[0];
                var key = new LineKey(compiled.Direction, compiled.Ipv6, compiled.Protocol, protocol, min, max, box.X0, box.X1, remote);
                if (!lines.TryGetValue(key, out List<EffectiveRuleSource>? sources))
                {
                    lines[key] = sources = [];
                }
                if (!sources.Contains(source))
                {
                    sources.Add(source);
                }
            }
        }

        var result = new List<EffectiveRule>(lines.Count);
        foreach (var (key, sources) in lines
            .OrderBy(l => l.Key.Direction).ThenBy(l => l.Key.Ipv6).ThenBy(l => l.Key.ProtocolNumber)
            .ThenBy(l => l.Key.Min ?? -1).ThenBy(l => l.Key.Max ?? -1).ThenBy(l => l.Key.X0).ThenBy(l => l.Key.X1))
        {
            string direction = key.Direction == 0 ? Directions.Ingress : Directions.Egress;
            string ethertype = key.Ipv6 ? Ethertypes.IPv6 : Ethertypes.IPv4;
            var asRule = new NormalizedRule("", direction, ethertype, key.Protocol, key.Min, key.Max, key.Remote, key.Remote, null, null, "");
            result.Add(new EffectiveRule(direction, ethertype, key.Protocol, key.Min, key.Max, key.Remote, sources, RuleText.Describe(asRule)));
        }
        return new EffectiveRuleSet(port.Id, false, result, notes);
    }

    private readonly record struct LineKey(
        int Direction, bool Ipv6, int ProtocolNumber, string? Protocol, int? Min, int? Max, UInt128 X0, UInt128 X1, string Remote);
}
