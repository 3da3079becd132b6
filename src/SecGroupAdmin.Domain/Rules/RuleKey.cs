using System.Globalization;
using System.Text;
using SecGroupAdmin.Domain.Protocols;

namespace SecGroupAdmin.Domain.Rules;

/// <summary>
/// The duplicate-detection key of a rule (neutron/db/securitygroups_db.py: _rule_to_key, used by
/// _check_for_duplicate_rules): direction, ethertype, ports, protocol,
/// remote group, remote address group, remote prefix and security group. Two rules with equal keys are
/// the same rule for Neutron. The prefix is null for no prefix, 0.0.0.0/0 and ::/0, otherwise its stored
/// string (host bits count). The protocol is the pair (canonical name, number) worked out with the
/// ethertype, so tcp equals "6" and, under IPv6, icmp, icmpv6 and "1" equal ipv6-icmp; "ip" equals "0"
/// but "hopopt" does not (Neutron's quirk). Description, project and normalized_cidr are not compared.
/// </summary>
public readonly record struct RuleKey(
    string SecurityGroupId,
    string Direction,
    string Ethertype,
    int? PortRangeMin,
    int? PortRangeMax,
    string? ProtocolName,
    string? ProtocolNumber,
    string? RemoteGroupId,
    string? RemoteAddressGroupId,
    string? RemoteIpPrefix)
{
    /// <summary>Builds the key of a stored (normalised) rule. Allocates nothing.</summary>
    public static RuleKey For(in NormalizedRule rule)
    {
        ProtocolPair(rule.Protocol, rule.Ethertype, out string? name, out string? number);
        string? prefix = rule.RemoteIpPrefix is null or "" or "0.0.0.0/0" or "::/0" ? null : rule.RemoteIpPrefix;
        return new RuleKey(
            rule.SecurityGroupId,
            rule.Direction,
            rule.Ethertype,
            rule.PortRangeMin,
            rule.PortRangeMax,
            name,
            number,
            rule.RemoteGroupId,
            rule.RemoteAddressGroupId,
            prefix);
    }

    /// <summary>
    /// A compact deterministic text of the key without the security group id, for a database unique
    /// index on (security_group_id, key), e.g. <c>ingress|IPv4|22|22|tcp|||10.0.0.0/8</c>.
    /// Fields are separated by '|'; an empty field means "absent"; '|' and '\' inside values are escaped with '\'.
    /// The protocol is stored by its canonical name alone, which determines the number.
    /// </summary>
    public string ToStorageString()
    {
        var builder = new StringBuilder(64);
        Append(builder, Direction).Append('|');
        Append(builder, Ethertype).Append('|');
        AppendNumber(builder, PortRangeMin).Append('|');
        AppendNumber(builder, PortRangeMax).Append('|');
        Append(builder, ProtocolName).Append('|');
        Append(builder, RemoteGroupId).Append('|');
        Append(builder, RemoteAddressGroupId).Append('|');
        Append(builder, RemoteIpPrefix);
        return builder.ToString();
    }

    /// <summary>Neutron's _get_ip_proto_name_and_num.</summary>
    private static void ProtocolPair(string? protocol, string ethertype, out string? name, out string? number)
    {
        if (protocol is null or "" or "any")
        {
            name = number = null;
            return;
        }

        if (ethertype == Ethertypes.IPv6)
        {
            if (protocol is IpProtocols.Icmp or IpProtocols.Icmpv6Legacy)
            {
                protocol = IpProtocols.Ipv6Icmp;
            }
            else if (protocol == "1")
            {
                protocol = IpProtocols.NumberText(58);
            }
        }

        int index = IpProtocols.IndexOfName(protocol, ignoreCase: false);
        if (index >= 0)
        {
            name = IpProtocols.NameAt(index);
            number = IpProtocols.NumberText(IpProtocols.NumberAt(index));
            return;
        }

        if (PythonInt.IsCanonicalDecimal(protocol) && protocol.Length <= 3
            && int.Parse(protocol, CultureInfo.InvariantCulture) is var value && value <= 255
            && IpProtocols.CanonicalName(value) is { } canonical)
        {
            name = canonical;
            number = IpProtocols.NumberText(value);
            return;
        }

        name = number = protocol;
    }

    private static StringBuilder Append(StringBuilder builder, string? value)
    {
        if (value is null)
        {
            return builder;
        }
        foreach (char c in value)
        {
            if (c is '|' or '\\')
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        return builder;
    }

    private static StringBuilder AppendNumber(StringBuilder builder, int? value) =>
        value is { } v ? builder.Append(v) : builder;
}
