using SecGroupAdmin.Domain.Protocols;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// What-if: is a flow allowed on a port, and by which rules. A port's groups are a union of allow rules; everything
/// else is dropped; port security off allows everything. Exact over Neutron's semantics: protocol names and numbers
/// (as <see cref="RuleKey"/> reads them), all-protocols rules (null, any, 0), null port ranges, ICMP type/code
/// wildcards, prefixes with host bits (their network), the rule's ethertype, remote groups (the addresses of their
/// ports now) and address groups. The port's rules are indexed once per model (by direction, ethertype, protocol).
/// </summary>
public static class FlowCheck
{
    public static FlowVerdict Check(AnalysisModel model, FlowQuery query)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(query);
        if (model.FindPort(query.PortId) is not { } port)
        {
            return FlowVerdict.Invalid("port_id", $"Port {query.PortId} could not be found.");
        }
        if (!TryReadQuery(model, query, out Flow flow, out FlowVerdict? invalid))
        {
            return invalid!;
        }
        if (!port.PortSecurityEnabled)
        {
            return new FlowVerdict(true, [], $"Allowed: port security is off on {port.DisplayName}, so it allows all traffic; no rule is consulted.");
        }
        if (port.SecurityGroupIds.Count == 0)
        {
            return new FlowVerdict(false, [], $"Denied: {port.DisplayName} has no security group, so it allows nothing.");
        }

        RuleSetIndex index = model.IndexForGroups(port.SecurityGroupIds);
        var matching = new HashSet<int>();
        var uncovered = new List<TrafficBox>();
        var pieces = new List<TrafficBox>();
        var candidates = new List<(TrafficBox, int)>();
        foreach (TrafficBox target in flow.Targets)
        {
            pieces.Clear();
            candidates.Clear();
            ProtocolClasses.ClampInto(target, pieces);
            bool point = pieces.Count == 1 && IsPoint(pieces[0]);
            bool hit = false;
            foreach (int entry in index.Candidates(flow.Bucket, target))
            {
                TrafficBox box = index.Boxes[entry];
                foreach (TrafficBox piece in pieces)
                {
                    if (box.Intersects(piece))
                    {
                        hit = true;
                        matching.Add(index.Owners[entry]);
                        candidates.Add((box, index.Owners[entry]));
                        break;
                    }
                }
            }
            if (point)
            {
                if (!hit)
                {
                    uncovered.Add(pieces[0]);
                }
            }
            else
            {
                uncovered.AddRange(BoxCoverage.Uncovered(pieces, candidates));
            }
        }

        List<RuleRef> rules = [.. matching.OrderBy(r => index.Position[r]).Select(r => model.Compiled(r).Ref)];
        bool allowed = uncovered.Count == 0;
        string ruleList = string.Join(", ", rules.Select(r => r.RuleId));
        string reason = allowed
            ? rules.Count == 1
                ? $"Allowed: {flow.Text} matches rule {ruleList} of group {rules[0].SecurityGroupId}."
                : $"Allowed: {flow.Text} matches {rules.Count} rules: {ruleList}."
            : rules.Count == 0
                ? $"Denied: no rule of {port.DisplayName}'s groups ({string.Join(", ", port.SecurityGroupIds)}) allows {flow.Text}; traffic no rule allows is dropped."
                : $"Denied: {flow.Text} is only partly allowed (by {ruleList}); not allowed: {Describe(uncovered, flow)}.";
        return new FlowVerdict(allowed, rules, reason);
    }

    private static string Describe(List<TrafficBox> uncovered, Flow flow) => string.Join("; ", uncovered.Take(3).Select(b =>
            TrafficText.ProtocolPart(b) + " " + TrafficText.Preposition(flow.Bucket) + " "
            + TrafficText.Addresses([(b.X0, b.X1)], flow.Ipv6))) + (uncovered.Count > 3 ? "; …" : "");

    private static bool TryReadQuery(AnalysisModel model, FlowQuery query, out Flow flow, out FlowVerdict? invalid)
    {
        flow = default;
        invalid = null;
        int direction = query.Direction switch { Directions.Ingress => 0, Directions.Egress => 1, _ => -1 };
        if (direction < 0)
        {
            invalid = FlowVerdict.Invalid("direction", "direction must be ingress or egress.");
            return false;
        }
        if (query.RemoteIp is not null && query.RemotePortId is not null)
        {
            invalid = FlowVerdict.Invalid("remote_ip", "Give remote_ip or remote_port_id, not both.");
            return false;
        }

        bool? remoteFamily = null;
        UInt128 remoteValue = UInt128.Zero;
        if (query.RemoteIp is not null)
        {
            if (!AddressMath.TryParseAddress(query.RemoteIp, out bool isIpv6, out remoteValue))
            {
                invalid = FlowVerdict.Invalid("remote_ip", $"{query.RemoteIp} is not an IP address.");
                return false;
            }
            remoteFamily = isIpv6;
        }

        bool ipv6;
        if (string.IsNullOrEmpty(query.Ethertype))
        {
            ipv6 = remoteFamily ?? false;
        }
        else if (string.Equals(query.Ethertype, Ethertypes.IPv4, StringComparison.OrdinalIgnoreCase)
            || string.Equals(query.Ethertype, Ethertypes.IPv6, StringComparison.OrdinalIgnoreCase))
        {
            ipv6 = string.Equals(query.Ethertype, Ethertypes.IPv6, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            invalid = FlowVerdict.Invalid("ethertype", "ethertype must be IPv4 or IPv6.");
            return false;
        }
        if (remoteFamily is { } family && family != ipv6)
        {
            invalid = FlowVerdict.Invalid("remote_ip", $"{query.RemoteIp} is not an {(ipv6 ? "IPv6" : "IPv4")} address.");
            return false;
        }

        int protocol = CompiledRule.AllProtocols;
        if (!string.IsNullOrEmpty(query.Protocol) && !string.Equals(query.Protocol, "any", StringComparison.OrdinalIgnoreCase))
        {
            if (!RuleValidator.TryGetProtocolNumber(query.Protocol, out int number))
            {
                invalid = FlowVerdict.Invalid("protocol", $"Protocol {query.Protocol} is not a protocol name or a number 0 to 255.");
                return false;
            }
            protocol = number == 0 ? CompiledRule.AllProtocols : ipv6 && number == 1 ? 58 : number;
        }

        int a0 = 0, a1 = 65535, b0 = 0, b1 = 255;
        bool ports = protocol != CompiledRule.AllProtocols && IpProtocols.AllowsPorts(protocol);
        bool icmp = protocol != CompiledRule.AllProtocols && IpProtocols.IsIcmp(protocol);
        if (query.Port is { } port)
        {
            if (!ports)
            {
                invalid = FlowVerdict.Invalid("port", $"A port only applies to {IpProtocols.PortProtocolsText}.");
                return false;
            }
            if (port is < 1 or > 65535)
            {
                invalid = FlowVerdict.Invalid("port", "port must be 1 to 65535.");
                return false;
            }
            (a0, a1) = (port, port);
        }
        if (query.IcmpType is not null || query.IcmpCode is not null)
        {
            if (!icmp)
            {
                invalid = FlowVerdict.Invalid(query.IcmpType is null ? "icmp_code" : "icmp_type", "An ICMP type or code only applies to icmp and ipv6-icmp.");
                return false;
            }
            if (query.IcmpType is null)
            {
                invalid = FlowVerdict.Invalid("icmp_code", "An ICMP code needs an ICMP type.");
                return false;
            }
            if (query.IcmpType is < 0 or > 255)
            {
                invalid = FlowVerdict.Invalid("icmp_type", "icmp_type must be 0 to 255.");
                return false;
            }
            if (query.IcmpCode is < 0 or > 255)
            {
                invalid = FlowVerdict.Invalid("icmp_code", "icmp_code must be 0 to 255.");
                return false;
            }
            (a0, a1) = (query.IcmpType.Value, query.IcmpType.Value);
            if (query.IcmpCode is { } code)
            {
                (b0, b1) = (code, code);
            }
        }

        var addresses = new List<(UInt128, UInt128)>();
        string remoteText;
        if (query.RemotePortId is not null)
        {
            if (model.FindPort(query.RemotePortId) is not { } remotePort)
            {
                invalid = FlowVerdict.Invalid("remote_port_id", $"Port {query.RemotePortId} could not be found.");
                return false;
            }
            foreach (string ip in remotePort.FixedIps)
            {
                if (AddressMath.TryParseAddress(ip, out bool isIpv6, out UInt128 value) && isIpv6 == ipv6)
                {
                    addresses.Add((value, value));
                }
            }
            if (addresses.Count == 0)
            {
                invalid = FlowVerdict.Invalid("remote_port_id", $"Port {remotePort.DisplayName} has no {(ipv6 ? "IPv6" : "IPv4")} address.");
                return false;
            }
            remoteText = $"{remotePort.DisplayName} ({string.Join(", ", addresses.Select(a => AddressMath.Format(a.Item1, ipv6)))})";
        }
        else if (query.RemoteIp is not null)
        {
            addresses.Add((remoteValue, remoteValue));
            remoteText = AddressMath.Format(remoteValue, ipv6);
        }
        else
        {
            addresses.Add((UInt128.Zero, AddressMath.MaxOf(ipv6)));
            remoteText = "anywhere";
        }

        int p0 = protocol == CompiledRule.AllProtocols ? 0 : protocol;
        int p1 = protocol == CompiledRule.AllProtocols ? 255 : protocol;
        var probe = new TrafficBox(p0, p1, a0, a1, b0, b1, 0, 0, UInt128.Zero, UInt128.Zero);
        string what = TrafficText.ProtocolPart(protocol == CompiledRule.AllProtocols ? probe : Clamp(probe));
        string text = $"{query.Direction} {(ipv6 ? "IPv6" : "IPv4")} {what} {(direction == 0 ? "from" : "to")} {remoteText}";
        flow = new Flow((direction * 2) + (ipv6 ? 1 : 0), ipv6,
            [.. addresses.Select(a => probe with { X0 = a.Item1, X1 = a.Item2 })], text);
        return true;
    }

    private static bool IsPoint(in TrafficBox box) =>
        box.P0 == box.P1 && box.A0 == box.A1 && box.B0 == box.B1 && box.S0 == box.S1 && box.X0 == box.X1;

    private static TrafficBox Clamp(TrafficBox box)
    {
        var (a0, a1, b0, b1) = ProtocolClasses.Universe(box.P0);
        return box with { A0 = Math.Max(a0, box.A0), A1 = Math.Min(a1, box.A1), B0 = Math.Max(b0, box.B0), B1 = Math.Min(b1, box.B1) };
    }

    private readonly record struct Flow(int Bucket, bool Ipv6, TrafficBox[] Targets, string Text);
}
