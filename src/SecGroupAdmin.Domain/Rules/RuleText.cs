using System.Globalization;
using SecGroupAdmin.Domain.Protocols;
using SecGroupAdmin.Domain.Templates;

namespace SecGroupAdmin.Domain.Rules;

/// <summary>
/// Human-readable text for rules, following Horizon: the one-line form
/// ("ALLOW IPv4 22/tcp from 10.0.0.0/8") and the rules table columns (protocol, port range, remote).
/// Unlike Horizon, the remote column tells "Any (not set)" apart from an explicit 0.0.0.0/0.
/// </summary>
public static class RuleText
{
    /// <summary>How many characters of a remote group id Horizon shows when the group's name is unknown.</summary>
    public const int ShortIdLength = 13;

    /// <summary>
    /// Horizon's text form: "ALLOW &lt;ethertype&gt; [&lt;ports&gt;/&lt;protocol&gt;|ip_proto=N|&lt;protocol&gt;] from|to &lt;remote&gt;".
    /// ICMP prints its type and code ("icmp type 8 code 0"). With no remote the family's any address is printed.
    /// </summary>
    public static string Describe(in NormalizedRule rule, string? remoteGroupName = null)
    {
        string protoPort = ProtoPort(rule);
        string direction = rule.Direction == Directions.Egress ? "to" : "from";
        string remote = DescribeRemote(rule, remoteGroupName);
        return protoPort.Length == 0
            ? $"ALLOW {rule.Ethertype} {direction} {remote}"
            : $"ALLOW {rule.Ethertype} {protoPort} {direction} {remote}";
    }

    /// <summary>
    /// The Port Range column: "Any" without ports, "22 (SSH)" for a single port with a known service,
    /// "22" otherwise, "1000 - 2000" for a range; for ICMP "type 8 / code 0", "type 8" or "Any".
    /// </summary>
    public static string PortRange(in NormalizedRule rule)
    {
        if (IsIcmp(rule.Protocol))
        {
            return rule.PortRangeMin switch
            {
                null => "Any",
                int type when rule.PortRangeMax is int code => $"type {type} / code {code}",
                int type => $"type {type}",
            };
        }

        if (rule.PortRangeMin is null && rule.PortRangeMax is null)
        {
            return "Any";
        }
        int min = rule.PortRangeMin ?? rule.PortRangeMax!.Value;
        int max = rule.PortRangeMax ?? min;
        if (min == max)
        {
            string? name = RuleTemplates.NameForPort(rule.Protocol, min);
            return name is null ? Number(min) : $"{Number(min)} ({name})";
        }
        return $"{Number(min)} - {Number(max)}";
    }

    /// <summary>The IP Protocol column: "Any", the upper-cased name ("TCP"), or a number with its name ("47 (GRE)").</summary>
    public static string Protocol(in NormalizedRule rule)
    {
        string? protocol = rule.Protocol;
        if (protocol is null)
        {
            return "Any";
        }
        if (IpProtocols.TryGetNumber(protocol, out _))
        {
            return protocol.ToUpperInvariant();
        }
        if (RuleValidator.TryGetProtocolNumber(protocol, out int number) && IpProtocols.CanonicalName(number) is { } name)
        {
            return $"{protocol} ({name.ToUpperInvariant()})";
        }
        return protocol.ToUpperInvariant();
    }

    /// <summary>
    /// The remote: "Any (not set)" when there is no prefix and no remote group, the CIDR (with
    /// " (network 10.0.0.0/24)" when host bits are set), the remote group's name (or the start of its id),
    /// or for an address group the label given as <paramref name="remoteGroupName"/> ("address group office, 3
    /// addresses"), else "address group &lt;id&gt;".
    /// </summary>
    public static string Remote(in NormalizedRule rule, string? remoteGroupName)
    {
        if (rule.RemoteIpPrefix is { Length: > 0 } prefix)
        {
            string? network = rule.NormalizedCidr ?? IpPrefixParser.NetworkOf(prefix);
            return network is null || network == prefix ? prefix : $"{prefix} (network {network})";
        }
        if (rule.RemoteGroupId is not null)
        {
            return GroupLabel(rule.RemoteGroupId, remoteGroupName);
        }
        if (rule.RemoteAddressGroupId is not null)
        {
            return !string.IsNullOrEmpty(remoteGroupName) ? remoteGroupName : "address group " + rule.RemoteAddressGroupId;
        }
        return "Any (not set)";
    }

    private static string ProtoPort(in NormalizedRule rule)
    {
        string? protocol = rule.Protocol;
        if (protocol is null)
        {
            return "";
        }
        if (IsIcmp(protocol))
        {
            string name = protocol.ToLowerInvariant();
            return rule.PortRangeMin switch
            {
                null => name,
                int type when rule.PortRangeMax is int code => $"{name} type {type} code {code}",
                int type => $"{name} type {type}",
            };
        }
        if (rule.PortRangeMin is int min && min != 0)
        {
            int max = rule.PortRangeMax ?? min;
            string lower = protocol.ToLowerInvariant();
            return min == max ? $"{Number(min)}/{lower}" : $"{Number(min)}-{Number(max)}/{lower}";
        }
        if (PythonInt.TryParse(protocol, out long number))
        {
            return "ip_proto=" + number.ToString(CultureInfo.InvariantCulture);
        }
        return protocol;
    }

    private static string DescribeRemote(in NormalizedRule rule, string? remoteGroupName)
    {
        if (rule.RemoteIpPrefix is { Length: > 0 } prefix)
        {
            return prefix;
        }
        if (rule.RemoteGroupId is not null)
        {
            return GroupLabel(rule.RemoteGroupId, remoteGroupName);
        }
        if (rule.RemoteAddressGroupId is not null)
        {
            return !string.IsNullOrEmpty(remoteGroupName) ? remoteGroupName : "address group " + rule.RemoteAddressGroupId;
        }
        return Ethertypes.AnyAddress(rule.Ethertype);
    }

    private static string GroupLabel(string groupId, string? groupName) =>
        !string.IsNullOrEmpty(groupName) ? groupName
        : groupId.Length > ShortIdLength ? groupId[..ShortIdLength]
        : groupId;

    private static bool IsIcmp(string? protocol) =>
        protocol is not null && RuleValidator.TryGetProtocolNumber(protocol, out int number) && IpProtocols.IsIcmp(number);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
