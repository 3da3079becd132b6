using SecGroupAdmin.Domain.Protocols;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Templates;

/// <summary>
/// The rule presets: Horizon's built-in custom and all_* rules, the templates of Horizon's sample
/// settings, and a few more (PostgreSQL, Redis, Kubernetes API, DNS over UDP).
/// </summary>
public static class RuleTemplates
{
    private const string Ingress = Directions.Ingress;

    /// <summary>Every preset, in menu order: the custom ones, then the templates sorted by key as Horizon does.</summary>
    public static IReadOnlyList<RuleTemplate> All { get; } =
    [
        new("tcp", "Custom TCP Rule", IpProtocols.Tcp, null, null, null, IsCustom: true, IsSensitive: false),
        new("udp", "Custom UDP Rule", IpProtocols.Udp, null, null, null, IsCustom: true, IsSensitive: false),
        new("icmp", "Custom ICMP Rule", IpProtocols.Icmp, null, null, null, IsCustom: true, IsSensitive: false),
        new("custom", "Other Protocol", null, null, null, null, IsCustom: true, IsSensitive: false),
        new("all_icmp", "All ICMP", IpProtocols.Icmp, null, null, null, IsCustom: false, IsSensitive: false),
        new("all_tcp", "All TCP", IpProtocols.Tcp, 1, 65535, null, IsCustom: false, IsSensitive: true),
        new("all_udp", "All UDP", IpProtocols.Udp, 1, 65535, null, IsCustom: false, IsSensitive: true),
        new("dns", "DNS", IpProtocols.Tcp, 53, 53, Ingress, IsCustom: false, IsSensitive: false),
        new("dns_udp", "DNS (UDP)", IpProtocols.Udp, 53, 53, Ingress, IsCustom: false, IsSensitive: false, ServiceName: "DNS"),
        new("http", "HTTP", IpProtocols.Tcp, 80, 80, Ingress, IsCustom: false, IsSensitive: false),
        new("https", "HTTPS", IpProtocols.Tcp, 443, 443, Ingress, IsCustom: false, IsSensitive: false),
        new("imap", "IMAP", IpProtocols.Tcp, 143, 143, Ingress, IsCustom: false, IsSensitive: false),
        new("imaps", "IMAPS", IpProtocols.Tcp, 993, 993, Ingress, IsCustom: false, IsSensitive: false),
        new("kubernetes_api", "Kubernetes API", IpProtocols.Tcp, 6443, 6443, Ingress, IsCustom: false, IsSensitive: true),
        new("ldap", "LDAP", IpProtocols.Tcp, 389, 389, Ingress, IsCustom: false, IsSensitive: true),
        new("ms_sql", "MS SQL", IpProtocols.Tcp, 1433, 1433, Ingress, IsCustom: false, IsSensitive: true),
        new("mysql", "MYSQL", IpProtocols.Tcp, 3306, 3306, Ingress, IsCustom: false, IsSensitive: true),
        new("pop3", "POP3", IpProtocols.Tcp, 110, 110, Ingress, IsCustom: false, IsSensitive: false),
        new("pop3s", "POP3S", IpProtocols.Tcp, 995, 995, Ingress, IsCustom: false, IsSensitive: false),
        new("postgresql", "PostgreSQL", IpProtocols.Tcp, 5432, 5432, Ingress, IsCustom: false, IsSensitive: true),
        new("rdp", "RDP", IpProtocols.Tcp, 3389, 3389, Ingress, IsCustom: false, IsSensitive: true),
        new("redis", "Redis", IpProtocols.Tcp, 6379, 6379, Ingress, IsCustom: false, IsSensitive: true),
        new("smtp", "SMTP", IpProtocols.Tcp, 25, 25, Ingress, IsCustom: false, IsSensitive: false),
        new("smtps", "SMTPS", IpProtocols.Tcp, 465, 465, Ingress, IsCustom: false, IsSensitive: false),
        new("ssh", "SSH", IpProtocols.Tcp, 22, 22, Ingress, IsCustom: false, IsSensitive: true),
    ];

    /// <summary>
    /// The TCP ports that are sensitive when opened to anywhere (admin and database ports); <see cref="RuleExposure"/>
    /// marks an ingress rule from anywhere whose TCP range covers one of them.
    /// </summary>
    public static IReadOnlyList<int> SensitiveTcpPorts { get; } = [22, 389, 1433, 3306, 3389, 5432, 6379, 6443];

    /// <summary>The preset with this key, or null.</summary>
    public static RuleTemplate? ByKey(string key)
    {
        foreach (RuleTemplate template in All)
        {
            if (template.Key == key)
            {
                return template;
            }
        }
        return null;
    }

    /// <summary>
    /// The service name of a single port, e.g. ("tcp", 22) or ("6", 22) gives "SSH", ("udp", 53) gives "DNS";
    /// null when no named preset matches.
    /// </summary>
    public static string? NameForPort(string? protocol, int port)
    {
        int? number = ProtocolNumber(protocol);
        if (number is null)
        {
            return null;
        }
        foreach (RuleTemplate template in All)
        {
            if (!template.IsCustom && template.PortRangeMin == port && template.PortRangeMax == port
                && ProtocolNumber(template.Protocol) == number)
            {
                return template.DisplayName;
            }
        }
        return null;
    }

    /// <summary>
    /// The named preset a stored rule is exactly (protocol, ports and, when the preset has one, direction), e.g. an
    /// ingress 22/tcp rule is "SSH" and an IPv6 ipv6-icmp rule with no type is "All ICMP"; null for a custom rule.
    /// "All TCP"/"All UDP" match their protocol with all ports, stored as 1–65535 or as no ports (the same rule for Neutron).
    /// </summary>
    public static RuleTemplate? Matching(in NormalizedRule rule)
    {
        int? number = ProtocolNumber(rule.Protocol);
        if (number is null)
        {
            return null;
        }
        bool allPorts = (rule.PortRangeMin, rule.PortRangeMax) is (null, null) or (1, 65535);
        foreach (RuleTemplate template in All)
        {
            if (template.IsCustom || (template.Direction is { } direction && direction != rule.Direction))
            {
                continue;
            }
            int? templateNumber = ProtocolNumber(template.Protocol);
            bool sameProtocol = templateNumber == number || (templateNumber == 1 && number == 58 && rule.Ethertype == Ethertypes.IPv6);
            bool samePorts = template.PortRangeMin == 1 && template.PortRangeMax == 65535
                ? allPorts
                : template.PortRangeMin == rule.PortRangeMin && template.PortRangeMax == rule.PortRangeMax;
            if (sameProtocol && samePorts)
            {
                return template;
            }
        }
        return null;
    }

    private static int? ProtocolNumber(string? protocol) =>
        protocol is not null && RuleValidator.TryGetProtocolNumber(protocol, out int number) ? number : null;
}
