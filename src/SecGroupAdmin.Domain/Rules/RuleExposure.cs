using SecGroupAdmin.Domain.Protocols;
using SecGroupAdmin.Domain.Templates;

namespace SecGroupAdmin.Domain.Rules;

/// <summary>
/// The one definition of an "exposed" rule: a rule that lets anyone on the internet reach everything, every port,
/// or an admin or database port. The group page's chip, the add-rule warning and the operator overview all ask here.
/// <para>A rule is exposed when all of these hold:</para>
/// <list type="bullet">
/// <item><b>Direction</b> is ingress (egress rules are never exposed).</item>
/// <item><b>Remote</b> is the whole internet: no remote group and no remote address group (a group is never the
/// internet, even an empty id, which is how the rule form says "a group, not chosen yet"), and either no remote
/// prefix (null or "": any source) or a prefix of length 0 whatever its host bits: <c>0.0.0.0/0</c>, <c>::/0</c>,
/// <c>10.1.2.3/0</c>, and any spelling the API accepts for them (<c>0/0</c>, a netmask <c>0.0.0.0/0.0.0.0</c>).</item>
/// <item><b>Protocol and ports</b> open too much: all protocols (protocol null, "", "any", or 0 / "ip" / "hopopt",
/// by name or number alike); or all ports (no range, or a range from 1 or below to 65535 or above) of a port
/// protocol (tcp, udp, dccp, sctp, udplite; by name, case-insensitively, or number, e.g. "6"); or a TCP range that
/// covers one of <see cref="RuleTemplates.SensitiveTcpPorts"/> (22, 389, 1433, 3306, 3389, 5432, 6379, 6443).</item>
/// </list>
/// <para>ICMP, other protocols without ports (e.g. gre, esp), UDP on a single port such as 53, and TCP on ports like
/// 80 or 443 are not exposed, nor is any rule whose protocol cannot be read. The reasons are checked in that
/// order: all protocols, then all ports, then a sensitive port.</para>
/// </summary>
public static class RuleExposure
{
    /// <summary>Whether <paramref name="rule"/> is exposed to the whole internet, and why.</summary>
    public static ExposureVerdict Of(in NormalizedRule rule)
    {
        if (rule.Direction != Directions.Ingress || !IsFromAnywhere(rule))
        {
            return ExposureVerdict.NotExposed;
        }
        return OfProtocolAndPorts(rule.Protocol, rule.PortRangeMin, rule.PortRangeMax);
    }

    /// <summary>True when the rule's remote is any source: no remote group or address group, and no prefix or a /0.</summary>
    public static bool IsFromAnywhere(in NormalizedRule rule) =>
        rule.RemoteGroupId is null && rule.RemoteAddressGroupId is null &&
        (string.IsNullOrEmpty(rule.RemoteIpPrefix) || IsWholeInternet(rule.RemoteIpPrefix));

    /// <summary>True for a prefix of length 0 (0.0.0.0/0, ::/0, or the same with host bits, e.g. 10.1.2.3/0).</summary>
    public static bool IsWholeInternet(string prefix) =>
        IpPrefixParser.TryCanonicalize(prefix, out _, out string network, out _) && network is "0.0.0.0/0" or "::/0";

    private static ExposureVerdict OfProtocolAndPorts(string? protocol, int? min, int? max)
    {
        int number;
        if (string.IsNullOrEmpty(protocol) || string.Equals(protocol, "any", StringComparison.OrdinalIgnoreCase))
        {
            number = 0;
        }
        else if (!RuleValidator.TryGetProtocolNumber(protocol, out number))
        {
            return ExposureVerdict.NotExposed;
        }

        if (number == 0)
        {
            return new ExposureVerdict(ExposureReason.AllProtocols);
        }
        if (!IpProtocols.AllowsPorts(number))
        {
            return ExposureVerdict.NotExposed;
        }
        int from = min ?? 1;
        int to = max ?? 65535;
        if (from <= 1 && to >= 65535)
        {
            return new ExposureVerdict(ExposureReason.AllPorts);
        }
        if (number == 6)
        {
            foreach (int port in RuleTemplates.SensitiveTcpPorts)
            {
                if (port >= from && port <= to)
                {
                    return new ExposureVerdict(ExposureReason.SensitivePort, port);
                }
            }
        }
        return ExposureVerdict.NotExposed;
    }
}
