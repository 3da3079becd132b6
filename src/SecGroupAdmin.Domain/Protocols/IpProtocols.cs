namespace SecGroupAdmin.Domain.Protocols;

/// <summary>
/// The IP protocol name/number table Neutron accepts for security group rules
/// (neutron_lib.constants.IP_PROTOCOL_MAP), plus the protocol classes the rule checks need.
/// All names are interned lower-case constants, so callers can reuse them without allocating.
/// </summary>
public static class IpProtocols
{
    public const string Tcp = "tcp";
    public const string Udp = "udp";
    public const string Icmp = "icmp";
    public const string Ipv6Icmp = "ipv6-icmp";
    public const string Icmpv6Legacy = "icmpv6";

    // Order of the reference server's error message (row 29 of tests/SecGroupAdmin.Web.Tests/Api/ReferenceObservations.cs), without the leading None.
    private static readonly string[] NameList =
    [
        "ah", "dccp", "egp", "esp", "gre", "hopopt", "icmp", "igmp", "ip", "ipip",
        "ipv6-encap", "ipv6-frag", "ipv6-icmp", "icmpv6", "ipv6-nonxt", "ipv6-opts", "ipv6-route",
        "ospf", "pgm", "rsvp", "sctp", "tcp", "udp", "udplite", "vrrp",
    ];

    private static readonly int[] NumberList =
    [
        51, 33, 8, 50, 47, 0, 1, 2, 0, 4,
        41, 44, 58, 58, 59, 60, 43,
        89, 113, 46, 132, 6, 17, 136, 112,
    ];

    // number -> canonical name (reverse map: 0 -> ip, 58 -> ipv6-icmp), null when unknown.
    private static readonly string?[] CanonicalNames = BuildCanonicalNames();

    // number -> interned decimal text "0".."255".
    private static readonly string[] NumberTexts = BuildNumberTexts();

    /// <summary>The accepted protocol names, in the order Neutron lists them in its error message.</summary>
    public static IReadOnlyList<string> Names => NameList;

    /// <summary>
    /// The value list exactly as the reference server prints it in SecurityGroupRuleInvalidProtocol
    /// (row 29 of ReferenceObservations in the Web tests): <c>[None, 'ah', 'dccp', ..., 'vrrp']</c>.
    /// </summary>
    public static string ErrorMessageValueList { get; } =
        "[None, " + string.Join(", ", NameList.Select(n => "'" + n + "'")) + "]";

    /// <summary>The protocols that allow ports, as Neutron lists them: "DCCP, SCTP, TCP, UDP, UDPLITE".</summary>
    public const string PortProtocolsText = "DCCP, SCTP, TCP, UDP, UDPLITE";

    /// <summary>Finds a protocol name (case-insensitive) and returns its lower-case interned form.</summary>
    public static bool TryGetCanonicalSpelling(string name, out string lowerCaseName)
    {
        int i = IndexOfName(name, ignoreCase: true);
        lowerCaseName = i >= 0 ? NameList[i] : "";
        return i >= 0;
    }

    /// <summary>The protocol number of a name (case-insensitive); icmpv6 gives 58, hopopt and ip give 0.</summary>
    public static bool TryGetNumber(string name, out int number)
    {
        int i = IndexOfName(name, ignoreCase: true);
        number = i >= 0 ? NumberList[i] : -1;
        return i >= 0;
    }

    /// <summary>
    /// The name used to compare rules for a protocol number (Neutron's reverse map):
    /// 0 gives "ip", 58 gives "ipv6-icmp"; null for numbers without a name.
    /// </summary>
    public static string? CanonicalName(int number) =>
        number is >= 0 and <= 255 ? CanonicalNames[number] : null;

    /// <summary>Interned decimal text of a protocol number in 0..255.</summary>
    public static string NumberText(int number) => NumberTexts[number];

    /// <summary>True for the protocols whose rules may carry L4 ports (6, 17, 33, 132, 136).</summary>
    public static bool AllowsPorts(int number) => number is 6 or 17 or 33 or 132 or 136;

    /// <summary>True for ICMP (1) and IPv6-ICMP (58), whose "ports" are type and code.</summary>
    public static bool IsIcmp(int number) => number is 1 or 58;

    /// <summary>
    /// True for protocol numbers that only exist for IPv6 (41, 43, 44, 58, 59, 60): the one definition of the IPv6-only
    /// protocols, which are refused under IPv4. Their names follow from the table.
    /// </summary>
    public static bool IsIpv6Only(int number) => number is 41 or 43 or 44 or 58 or 59 or 60;

    /// <summary>
    /// True for the IPv6-only protocol names (exact, lower-case): ipv6-encap, ipv6-frag, ipv6-icmp, icmpv6, ipv6-nonxt,
    /// ipv6-opts and ipv6-route.
    /// </summary>
    public static bool IsIpv6OnlyName(string name) => IndexOfName(name, ignoreCase: false) is var i && i >= 0 && IsIpv6Only(NumberList[i]);

    /// <summary>
    /// True for an IPv6-only protocol as a rule stores it: one of those names, or its number as plain decimal text ("58").
    /// </summary>
    public static bool IsIpv6OnlyProtocol(string protocol) =>
        IsIpv6OnlyName(protocol) ||
        (int.TryParse(protocol, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && IsIpv6Only(number) && protocol == NumberText(number));

    /// <summary>Exact (case-sensitive) lookup of a stored protocol name; returns the interned constant.</summary>
    internal static int IndexOfName(string name, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        for (int i = 0; i < NameList.Length; i++)
        {
            if (string.Equals(NameList[i], name, comparison))
            {
                return i;
            }
        }
        return -1;
    }

    internal static string NameAt(int index) => NameList[index];

    internal static int NumberAt(int index) => NumberList[index];

    private static string?[] BuildCanonicalNames()
    {
        var names = new string?[256];
        for (int i = 0; i < NameList.Length; i++)
        {
            names[NumberList[i]] ??= NameList[i];
        }
        names[0] = "ip";
        names[58] = Ipv6Icmp;
        return names;
    }

    private static string[] BuildNumberTexts()
    {
        var texts = new string[256];
        for (int i = 0; i < texts.Length; i++)
        {
            texts[i] = string.Intern(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return texts;
    }
}
