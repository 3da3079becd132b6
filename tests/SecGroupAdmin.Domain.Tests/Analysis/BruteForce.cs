using System.Globalization;
using System.Net;
using SecGroupAdmin.Domain.Analysis;

namespace SecGroupAdmin.Domain.Tests.Analysis;

/// <summary>
/// The reference the property tests compare with: Neutron's rule semantics written out plainly (its own protocol table,
/// its own prefix arithmetic on bytes), a rule matched against one concrete packet at a time, and every packet of a
/// small space enumerated. The space has a representative beyond every boundary the generated rules use (port 40000,
/// ICMP type/code 200, an address outside every generated prefix, a protocol no rule names), so it is exact for them.
/// </summary>
internal static class BruteForce
{
    public static readonly string[] V4Addresses =
        ["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.9", "192.0.2.1"];

    public static readonly string[] V6Addresses =
        ["2001:db8::", "2001:db8::1", "2001:db8::2", "2001:db8::3", "2001:db8::ff", "fd00::1"];

    /// <summary>Symbolic remotes (read "whatever the members"): a member of a group or of the address group.</summary>
    public static readonly string[] Tokens = ["sg:g1", "sg:g2", "sg:g3", "ag:ag1"];

    private static readonly int[] PortProtocols = [6, 17, 132, 33];
    private static readonly int[] IcmpProtocols = [1, 58];
    private static readonly int[] OtherProtocols = [47, 2];
    private static readonly int[] Ports = [.. Enumerable.Range(1, 10), 40000];
    private static readonly int[] IcmpValues = [0, 1, 2, 200];

    private static readonly Dictionary<string, int> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tcp"] = 6, ["udp"] = 17, ["icmp"] = 1, ["icmpv6"] = 58, ["ipv6-icmp"] = 58, ["gre"] = 47,
        ["ip"] = 0, ["hopopt"] = 0, ["sctp"] = 132, ["dccp"] = 33, ["igmp"] = 2,
    };

    /// <summary>One packet: direction, family, protocol, port or ICMP type, ICMP code, remote (an address or a token).</summary>
    public readonly record struct Packet(string Direction, bool Ipv6, int Protocol, int? Port, int? Type, int? Code, string Remote)
    {
        public FlowQuery Query(string portId) => new(portId, Direction, Ipv6 ? "IPv6" : "IPv4",
            Protocol.ToString(CultureInfo.InvariantCulture), Port, Type, Code, Remote);
    }

    /// <summary>Every packet of the small space; with <paramref name="tokens"/>, also from every symbolic remote.</summary>
    public static List<Packet> Packets(bool tokens = false)
    {
        var list = new List<Packet>();
        foreach (string direction in new[] { "ingress", "egress" })
        {
            foreach (bool ipv6 in new[] { false, true })
            {
                IEnumerable<string> remotes = ipv6 ? V6Addresses : V4Addresses;
                if (tokens)
                {
                    remotes = remotes.Concat(Tokens);
                }
                foreach (string remote in remotes)
                {
                    foreach (int p in PortProtocols)
                    {
                        foreach (int port in Ports)
                        {
                            list.Add(new Packet(direction, ipv6, p, port, null, null, remote));
                        }
                    }
                    // Under IPv6 a query for protocol 1 means ipv6-icmp (as Neutron reads rules), so only 58 is asked.
                    foreach (int p in IcmpProtocols.Where(p => !ipv6 || p == 58))
                    {
                        foreach (int type in IcmpValues)
                        {
                            foreach (int code in IcmpValues)
                            {
                                list.Add(new Packet(direction, ipv6, p, null, type, code, remote));
                            }
                        }
                    }
                    foreach (int p in OtherProtocols)
                    {
                        list.Add(new Packet(direction, ipv6, p, null, null, null, remote));
                    }
                }
            }
        }
        return list;
    }

    /// <summary>
    /// Whether a rule allows a packet. Remote groups: the addresses of the ports in the group now (of the rule's family),
    /// or, for a token packet, only the same group's token; likewise address groups. A rule from anywhere (no remote,
    /// or a /0) allows every address and every token; a narrower prefix no token.
    /// </summary>
    public static bool Allows(AnalysisRule rule, Packet packet, IReadOnlyList<AnalysisPort> ports, IReadOnlyList<AnalysisAddressGroup> addressGroups)
    {
        var r = rule.Rule;
        if (r.Direction != packet.Direction || (r.Ethertype == "IPv6") != packet.Ipv6)
        {
            return false;
        }
        int? protocol = ProtocolOf(r.Protocol, packet.Ipv6);
        if (protocol is { } p)
        {
            if (p != packet.Protocol)
            {
                return false;
            }
            if (p is 6 or 17 or 132 or 33 or 136 && r.PortRangeMin is { } min && (packet.Port < min || packet.Port > r.PortRangeMax))
            {
                return false;
            }
            if (p is 1 or 58 && ((r.PortRangeMin is { } type && type != packet.Type) || (r.PortRangeMax is { } code && code != packet.Code)))
            {
                return false;
            }
        }

        bool token = packet.Remote.StartsWith("sg:", StringComparison.Ordinal) || packet.Remote.StartsWith("ag:", StringComparison.Ordinal);
        if (r.RemoteGroupId is { } group)
        {
            return token
                ? packet.Remote == "sg:" + group
                : ports.Where(x => x.SecurityGroupIds.Contains(group)).SelectMany(x => x.FixedIps).Any(ip => SameAddress(ip, packet.Remote));
        }
        if (r.RemoteAddressGroupId is { } addressGroup)
        {
            return token
                ? packet.Remote == "ag:" + addressGroup
                : addressGroups.Where(a => a.Id == addressGroup).SelectMany(a => a.Addresses).Any(c => InPrefix(c, packet.Remote));
        }
        if (string.IsNullOrEmpty(r.RemoteIpPrefix) || r.RemoteIpPrefix.EndsWith("/0", StringComparison.Ordinal))
        {
            return true;
        }
        return !token && InPrefix(r.RemoteIpPrefix, packet.Remote);
    }

    /// <summary>null = all protocols (null, "", any, 0, ip, hopopt); under IPv6, 1 means 58.</summary>
    public static int? ProtocolOf(string? protocol, bool ipv6)
    {
        if (string.IsNullOrEmpty(protocol) || protocol == "any")
        {
            return null;
        }
        int number = Names.TryGetValue(protocol, out int n) ? n : int.Parse(protocol, CultureInfo.InvariantCulture);
        return number == 0 ? null : ipv6 && number == 1 ? 58 : number;
    }

    private static bool SameAddress(string a, string b) =>
        IPAddress.TryParse(a, out var x) && IPAddress.TryParse(b, out var y) && x.Equals(y);

    private static bool InPrefix(string prefix, string address)
    {
        string[] parts = prefix.Split('/');
        if (!IPAddress.TryParse(parts[0], out var network) || !IPAddress.TryParse(address, out var candidate)
            || network.AddressFamily != candidate.AddressFamily)
        {
            return false;
        }
        byte[] n = network.GetAddressBytes();
        byte[] c = candidate.GetAddressBytes();
        int length = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : n.Length * 8;
        for (int bit = 0; bit < length; bit++)
        {
            int mask = 0x80 >> (bit % 8);
            if ((n[bit / 8] & mask) != (c[bit / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
