using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.AddressGroups;

/// <summary>
/// The addresses of an address group as the reference Neutron (Zed) checks and stores them.
/// <para>
/// On create the attribute validator <c>type:subnet_list</c> runs (neutron_lib's _validate_list_of_items with
/// validate_subnet): a list, no item twice, each a string without whitespace that netaddr parses as a network
/// <em>with</em> a "/", and for IPv4 written exactly as netaddr prints it; otherwise "'x' isn't a recognized IP subnet
/// cidr, 'y' is recommended" (y with host bits cleared) or "'x' is not a valid IP subnet".
/// </para>
/// <para>
/// The <c>add_addresses</c>/<c>remove_addresses</c> actions run no attribute validator: each item only goes through
/// netaddr.IPNetwork, so a bare address is taken as /32 or /128 and an unparsable one answers 400
/// <c>AddrFormatError</c> "invalid IPNetwork x".
/// </para>
/// Either way each address is stored as its network ("%s/%s" % (net.network, net.prefixlen)): host bits cleared, IPv6
/// compressed and lower-cased; addresses equal after that count once (first one first).
/// </summary>
public static class AddressValidator
{
    /// <summary>The attribute name in messages.</summary>
    public const string Attribute = "addresses";

    /// <summary>
    /// Checks the <c>addresses</c> of a create. Absent or null gives no addresses. On success
    /// <paramref name="addresses"/> holds the stored forms, each once, in request order.
    /// </summary>
    public static NeutronError? ValidateForCreate(AddressListInput input, out IReadOnlyList<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(input);
        addresses = [];
        if (input.IsAbsent || input.IsNull)
        {
            return null;
        }
        if (input.Items is not { } items)
        {
            return NeutronErrors.InvalidInputFor(Attribute, $"'{input.Display}' is not a list");
        }
        var duplicates = Duplicates(items);
        if (duplicates.Count > 0)
        {
            return NeutronErrors.InvalidInputFor(Attribute, $"Duplicate items in the list: '{string.Join(", ", duplicates)}'");
        }
        var stored = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (ValidateSubnet(item, out var network) is { } reason)
            {
                return NeutronErrors.InvalidInputFor(Attribute, reason);
            }
            stored.Add(network);
        }
        addresses = Distinct(stored);
        return null;
    }

    /// <summary>
    /// Parses the <c>addresses</c> of an <c>add_addresses</c>/<c>remove_addresses</c> body. A missing or non-list value,
    /// or an item that is not a string, is refused with 400 (a deliberate delta: the reference answers 500 for those).
    /// </summary>
    public static NeutronError? ParseForAction(AddressListInput input, out IReadOnlyList<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(input);
        addresses = [];
        if (input.IsAbsent)
        {
            return NeutronErrors.RequiredAttribute(Attribute);
        }
        if (input.Items is not { } items)
        {
            return NeutronErrors.InvalidInputFor(Attribute, $"'{input.Display}' is not a list");
        }
        var stored = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (item.Kind != InputKind.String)
            {
                return NeutronErrors.InvalidInputFor(Attribute, $"'{item.Display}' is not a valid IP subnet");
            }
            if (!IpPrefixParser.TryCanonicalize(item.Text!, out _, out var network, out _))
            {
                return NeutronErrors.AddrFormatError(item.Text!);
            }
            stored.Add(network);
        }
        addresses = Distinct(stored);
        return null;
    }

    /// <summary>
    /// neutron_lib's validate_subnet for one item: null when valid (<paramref name="network"/> is then its stored form),
    /// else the reason.
    /// </summary>
    public static string? ValidateSubnet(InputValue item, out string network)
    {
        network = "";
        if (item.Kind != InputKind.String || HasWhitespace(item.Text!) ||
            !IpPrefixParser.TryCanonicalize(item.Text!, out var prefix, out network, out var isIpv6))
        {
            network = "";
            return $"'{item.Display}' is not a valid IP subnet";
        }
        var text = item.Text!;
        if (!text.Contains('/') || (!isIpv6 && !string.Equals(prefix, text, StringComparison.Ordinal)))
        {
            var recommended = network;
            network = "";
            return $"'{text}' isn't a recognized IP subnet cidr, '{recommended}' is recommended";
        }
        return null;
    }

    /// <summary>
    /// Which of <paramref name="requested"/> the group already holds and which it does not (each in request order), as
    /// the reference's _process_requested_addresses splits them.
    /// </summary>
    public static (List<string> Present, List<string> Absent) Partition(IReadOnlyCollection<string> existing, IReadOnlyList<string> requested)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(requested);
        var held = existing as IReadOnlySet<string> ?? new HashSet<string>(existing, StringComparer.Ordinal);
        var present = new List<string>();
        var absent = new List<string>();
        foreach (var address in requested)
        {
            (held.Contains(address) ? present : absent).Add(address);
        }
        return (present, absent);
    }

    /// <summary>Python's str.isspace for any character (re's \s), which validate_no_whitespace refuses.</summary>
    private static bool HasWhitespace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>_collect_duplicates: the items sent more than once (Python equality of the values), each once.</summary>
    private static List<string> Duplicates(IReadOnlyList<InputValue> items)
    {
        var seen = new HashSet<(InputKind, string)>();
        var duplicates = new List<string>();
        var reported = new HashSet<(InputKind, string)>();
        foreach (var item in items)
        {
            var key = (item.Kind, item.Display);
            if (!seen.Add(key) && reported.Add(key))
            {
                duplicates.Add(item.Display);
            }
        }
        return duplicates;
    }

    private static List<string> Distinct(List<string> addresses)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. addresses.Where(seen.Add)];
    }
}
