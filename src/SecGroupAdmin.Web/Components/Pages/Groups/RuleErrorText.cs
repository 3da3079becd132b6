using System.Text.RegularExpressions;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Components.Shared;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>
/// A rule form's error for people: Neutron's message (the contract, kept word for word) with a Python list literal in
/// it shown as a plain list (<c>['tcp', 'udp']</c> → <c>tcp, udp</c>), followed by a short hint in the product's
/// words ("Ports are 1–65535.").
/// </summary>
public static partial class RuleErrorText
{
    public static string Describe(NeutronError error)
    {
        var message = PlainLists(FriendlyErrors.Describe(error));
        var hint = Hint(error);
        return hint is null ? message : $"{message} — {hint}";
    }

    /// <summary>The hint for a rule error, or null when Neutron's words say it all.</summary>
    public static string? Hint(NeutronError error) => error.Type switch
    {
        NeutronErrorTypes.SecurityGroupInvalidPortValue => "Ports are 1–65535.",
        NeutronErrorTypes.SecurityGroupInvalidPortRange => "Ports are 1–65535, the first no higher than the last.",
        NeutronErrorTypes.SecurityGroupInvalidIcmpValue => "ICMP type and code are 0–255; -1 or empty means any.",
        NeutronErrorTypes.SecurityGroupMissingIcmpType => "A code needs a type: give the ICMP type too.",
        NeutronErrorTypes.SecurityGroupRuleInvalidProtocol => "A protocol is a name (tcp, udp, icmp, sctp, gre, …) or a number 0–255.",
        NeutronErrorTypes.SecurityGroupEthertypeConflictWithProtocol => "This protocol exists only in IPv6: choose IPv6, or an IPv6 CIDR.",
        NeutronErrorTypes.SecurityGroupRuleParameterConflict => "The CIDR must be of the rule's family: IPv4 (10.0.0.0/8) or IPv6 (2001:db8::/32).",
        NeutronErrorTypes.InvalidCidr or NeutronErrorTypes.AddrFormatError => "A CIDR is an address with a mask, such as 10.0.0.0/8 or 2001:db8::/32.",
        NeutronErrorTypes.InvalidInput or NeutronErrorTypes.HttpBadRequest when error.Field == "remote_ip_prefix" =>
            "A CIDR is an address with a mask, such as 10.0.0.0/8 or 2001:db8::/32.",
        NeutronErrorTypes.InvalidInput or NeutronErrorTypes.HttpBadRequest when error.Field == "description" => "A description is at most 255 characters.",
        _ => null,
    };

    /// <summary>Python list literals (<c>[None, 'ah', 'dccp']</c>) as plain lists (<c>none, ah, dccp</c>).</summary>
    public static string PlainLists(string message) =>
        PythonList().Replace(message, m => string.Join(", ", m.Groups[1].Value.Split(", ").Select(item => item == "None" ? "none" : item.Trim('\''))));

    [GeneratedRegex(@"\[((?:None|'[^']*')(?:, (?:None|'[^']*'))*)\]")]
    private static partial Regex PythonList();
}
