namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// One look-alike request sent to the reference Neutron (Zed, python3-neutron 21.0.0, headers auth, project projA, role
/// member) and what it answered; <see cref="Status"/>, <see cref="Type"/> and <see cref="Message"/> are what SecGroupAdmin answers (the same unless
/// <see cref="Delta"/>). For accepted rules <see cref="Stored"/> is the remote_ip_prefix (= normalized_cidr) stored.
/// </summary>
public sealed record LookAlikeRow(string Case, string Resource, string Method, string Field, string Value, int ReferenceStatus, string Reference)
{
    public int Status { get; init; } = ReferenceStatus;
    public string? Type { get; init; }
    public string? Message { get; init; }
    public string? Stored { get; init; }
    public bool Delta => Status != ReferenceStatus;
}

/// <summary>
/// Look-alike input (finding 12 of issue #12), recorded on 2026-12-06 against the reference server started by
/// /work/shared/reference/neutron/start.sh: digits other than ASCII in a remote IP prefix, control characters and a
/// right-to-left override in names and descriptions. The reference converts any Unicode decimal digit as Python's
/// int() does (netaddr's partial-address expansion), so full-width and Arabic-Indic digits are stored as the ASCII
/// prefix, and we do the same; control characters in a prefix are InvalidCIDR on both. Names and descriptions with
/// control or bidirectional formatting characters are stored by the reference and refused by us (deliberate delta;
/// a description may still hold line breaks and tabs).
/// </summary>
public static class LookAlikeObservations
{
    private const string Rule = "security_group_rule";
    private const string Group = "security_group";
    private const string Port = "port";

    private static string NameRefusal(string attr, string codePoint) =>
        $"Invalid input for operation: {attr} cannot contain control or bidirectional formatting characters (found {codePoint}).";

    private static LookAlikeRow Cidr(string @case, string value, string stored) =>
        new(@case, Rule, "POST", "remote_ip_prefix", value, 201, $"201, remote_ip_prefix and normalized_cidr {stored}") { Stored = stored };

    private static LookAlikeRow BadCidr(string @case, string value) =>
        new(@case, Rule, "POST", "remote_ip_prefix", value, 400, "400 InvalidCIDR")
        {
            Type = "InvalidCIDR",
            Message = $"Invalid CIDR {value} given as IP prefix.",
        };

    private static LookAlikeRow Text(string resource, string method, string field, string @case, string value, string codePoint) =>
        new(@case, resource, method, field, value, method == "PUT" ? 200 : 201, "stored as sent")
        {
            Status = 400,
            Type = "InvalidInput",
            Message = NameRefusal(field, codePoint),
        };

    public static IReadOnlyList<LookAlikeRow> Rows { get; } =
    [
        Cidr("full-width digits", "１０.0.0.0/8", "10.0.0.0/8"),
        Cidr("full-width digits everywhere", "１９２.１６８.１.０/２４", "192.168.1.0/24"),
        Cidr("full-width prefix length", "10.0.0.0/８", "10.0.0.0/8"),
        Cidr("Arabic-Indic digits", "١٠.0.0.0/8", "10.0.0.0/8"),
        Cidr("Arabic-Indic prefix length", "10.0.0.0/٨", "10.0.0.0/8"),
        Cidr("Devanagari digits", "१०.0.0.0/8", "10.0.0.0/8"),
        Cidr("partial address in full-width digits", "１０/8", "10.0.0.0/8"),
        BadCidr("trailing NUL", "10.0.0.0/8\0"),
        BadCidr("NUL inside", "10.0.0\0.0/8"),
        BadCidr("trailing BEL", "10.0.0.0/8\a"),
        BadCidr("IPv6 in full-width hex", "ｆｅ８０::/10"),

        Text(Group, "POST", "name", "group name with NUL", "a\0b", "U+0000"),
        Text(Group, "POST", "description", "group description with NUL", "a\0b", "U+0000"),
        Text(Group, "PUT", "name", "group rename with NUL", "a\0b", "U+0000"),
        Text(Group, "POST", "name", "group name with BEL", "a\ab", "U+0007"),
        Text(Group, "POST", "description", "group description with BEL", "a\ab", "U+0007"),
        Text(Group, "PUT", "name", "group rename with BEL", "a\ab", "U+0007"),
        Text(Group, "POST", "name", "group name with RTL override", "exe.\u202etxt", "U+202E"),
        Text(Group, "POST", "description", "group description with RTL override", "exe.\u202etxt", "U+202E"),
        Text(Group, "PUT", "name", "group rename with RTL override", "exe.\u202etxt", "U+202E"),
        Text(Group, "POST", "name", "group name with newline", "line1\nline2", "U+000A"),
        new("group description with newline", Group, "POST", "description", "line1\nline2", 201, "stored as sent"), // kept: the form's description has two lines
        Text(Group, "PUT", "name", "group rename with newline", "line1\nline2", "U+000A"),
        Text(Group, "PUT", "name", "group rename with tab", "a\tb", "U+0009"),
        Text(Port, "POST", "name", "port name with NUL", "a\0b", "U+0000"),
        Text(Port, "POST", "name", "port name with BEL", "a\ab", "U+0007"),
        Text(Port, "POST", "name", "port name with RTL override", "exe.\u202etxt", "U+202E"),
        Text(Port, "POST", "name", "port name with newline", "line1\nline2", "U+000A"),
    ];
}
