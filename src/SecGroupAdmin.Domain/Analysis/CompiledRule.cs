using SecGroupAdmin.Domain.Protocols;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// A rule read once for analysis: direction and ethertype as numbers, the protocol number (Neutron's aliases decided
/// by <see cref="RuleKey"/> and <see cref="RuleValidator.TryGetProtocolNumber"/>; under IPv6, icmp and 1 mean 58;
/// null, any and 0 mean all protocols), the port or ICMP type/code intervals and the remote.
/// </summary>
internal sealed class CompiledRule
{
    public const int AllProtocols = -1;

    private CompiledRule(int index, AnalysisRule source)
    {
        Index = index;
        Source = source;
        Ref = new RuleRef(source.Id, source.Rule.SecurityGroupId);
    }

    public int Index { get; }
    public AnalysisRule Source { get; }
    public RuleRef Ref { get; }

    /// <summary>0 ingress, 1 egress.</summary>
    public int Direction { get; private init; }
    public bool Ipv6 { get; private init; }

    /// <summary>The bucket of (direction, ethertype): 0..3.</summary>
    public int Bucket => (Direction * 2) + (Ipv6 ? 1 : 0);

    /// <summary>A protocol number 1..255, or <see cref="AllProtocols"/>.</summary>
    public int Protocol { get; private init; }
    public int A0 { get; private init; }
    public int A1 { get; private init; }
    public int B0 { get; private init; }
    public int B1 { get; private init; }
    public RemoteKind Remote { get; private init; }
    public UInt128 X0 { get; private init; }
    public UInt128 X1 { get; private init; }

    /// <summary>The remote group or address group id, for <see cref="RemoteKind.Group"/> and <see cref="RemoteKind.AddressGroup"/>.</summary>
    public string? RemoteId { get; private init; }

    /// <summary>A box of this rule with the given source space and address interval.</summary>
    public TrafficBox BoxFor(int s0, int s1, UInt128 x0, UInt128 x1) =>
        Protocol == AllProtocols
            ? new TrafficBox(0, 255, 0, 65535, 0, 255, s0, s1, x0, x1)
            : new TrafficBox(Protocol, Protocol, A0, A1, B0, B1, s0, s1, x0, x1);

    public static CompiledRule Compile(int index, AnalysisRule source)
    {
        NormalizedRule rule = source.Rule;
        int direction = rule.Direction switch { Directions.Ingress => 0, Directions.Egress => 1, _ => -1 };
        bool ipv6 = rule.Ethertype == Ethertypes.IPv6;
        bool readable = direction >= 0 && (ipv6 || rule.Ethertype == Ethertypes.IPv4);

        int protocol = AllProtocols;
        if (RuleKey.For(rule).ProtocolNumber is { } number)
        {
            if (RuleValidator.TryGetProtocolNumber(number, out int value))
            {
                protocol = value == 0 ? AllProtocols : ipv6 && value == 1 ? 58 : value;
            }
            else
            {
                readable = false;
            }
        }

        int a0 = 0, a1 = 0, b0 = 0, b1 = 0;
        if (protocol != AllProtocols && IpProtocols.AllowsPorts(protocol))
        {
            if (rule.PortRangeMin is null && rule.PortRangeMax is null)
            {
                (a0, a1) = (ProtocolClasses.AllPortsLow, ProtocolClasses.AllPortsHigh);
            }
            else
            {
                a0 = Math.Max(rule.PortRangeMin ?? ProtocolClasses.AllPortsLow, ProtocolClasses.AllPortsLow);
                a1 = Math.Min(rule.PortRangeMax ?? a0, ProtocolClasses.AllPortsHigh);
            }
        }
        else if (protocol != AllProtocols && IpProtocols.IsIcmp(protocol))
        {
            (a0, a1) = rule.PortRangeMin is { } type ? (type, type) : (0, 255);
            (b0, b1) = rule.PortRangeMax is { } code ? (code, code) : (0, 255);
            readable &= a0 is >= 0 and <= 255 && b0 is >= 0 and <= 255;
        }

        RemoteKind remote;
        UInt128 x0 = UInt128.Zero, x1 = AddressMath.MaxOf(ipv6);
        string? remoteId = null;
        if (rule.RemoteGroupId is not null)
        {
            remote = RemoteKind.Group;
            remoteId = rule.RemoteGroupId;
        }
        else if (rule.RemoteAddressGroupId is not null)
        {
            remote = RemoteKind.AddressGroup;
            remoteId = rule.RemoteAddressGroupId;
        }
        else if (string.IsNullOrEmpty(rule.RemoteIpPrefix))
        {
            remote = RemoteKind.Anywhere;
        }
        else if (AddressMath.TryParsePrefix(rule.RemoteIpPrefix, out bool prefixIpv6, out UInt128 low, out UInt128 high) && prefixIpv6 == ipv6)
        {
            bool whole = low == UInt128.Zero && high == AddressMath.MaxOf(ipv6);
            remote = whole ? RemoteKind.Anywhere : RemoteKind.Prefix;
            (x0, x1) = (low, high);
        }
        else
        {
            remote = RemoteKind.Nothing;
        }

        return new CompiledRule(index, source)
        {
            Direction = Math.Max(direction, 0),
            Ipv6 = ipv6,
            Protocol = protocol,
            A0 = a0,
            A1 = a1,
            B0 = b0,
            B1 = b1,
            Remote = readable ? remote : RemoteKind.Nothing,
            X0 = x0,
            X1 = x1,
            RemoteId = remoteId,
        };
    }
}
