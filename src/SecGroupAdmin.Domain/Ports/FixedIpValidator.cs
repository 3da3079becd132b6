using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Domain.Ports;

/// <summary>
/// The <c>fixed_ips</c> of a port as neutron_lib's validate_fixed_ips checks them, in a model without subnets: each
/// entry is an address alone (<c>{"ip_address": "10.0.0.5"}</c>), a valid IPv4 or IPv6 address (validate_ip_address:
/// dotted-quad IPv4 without leading zeros, IPv6 without a zone; no prefix length), sent once per port. Addresses are
/// stored normalized: IPv4 as written, IPv6 compressed and lower-cased (as netaddr prints it).
/// </summary>
public static class FixedIpValidator
{
    /// <summary>The attribute name in messages.</summary>
    public const string Attribute = "fixed_ips";

    /// <summary>The longest text an address may have (the column's length).</summary>
    public const int MaxLength = 45;

    /// <summary>
    /// Checks the requested addresses of one port. On success <paramref name="normalized"/> holds their stored forms
    /// in request order; else the error is 400 <c>Invalid input for fixed_ips</c> with the reason.
    /// </summary>
    public static NeutronError? Validate(IReadOnlyList<string> addresses, out IReadOnlyList<string> normalized)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        normalized = [];
        var stored = new List<string>(addresses.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var address in addresses)
        {
            if (Normalize(address, out var value) is { } reason)
            {
                return NeutronErrors.InvalidInputFor(Attribute, reason);
            }
            if (!seen.Add(value))
            {
                return NeutronErrors.InvalidInputFor(Attribute, $"Duplicate IP address '{address}'");
            }
            stored.Add(value);
        }
        normalized = stored;
        return null;
    }

    /// <summary>
    /// One address: null when valid (<paramref name="normalized"/> is then its stored form), else the reason
    /// (<c>'x' is not a valid IP address</c>), for a form field as you type.
    /// </summary>
    public static string? Normalize(string? address, out string normalized)
    {
        normalized = "";
        var text = address ?? "";
        if (text.Length is 0 or > MaxLength)
        {
            return $"'{text}' is not a valid IP address";
        }
        if (text.Contains(':', StringComparison.Ordinal))
        {
            // IPv6: hex digits, colons and an embedded IPv4 tail only (no zone "%eth0", no "/64", no brackets).
            foreach (var c in text)
            {
                if (!(char.IsAsciiHexDigit(c) || c is ':' or '.'))
                {
                    return $"'{text}' is not a valid IP address";
                }
            }
            if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6 || !Ipv6TailIsValid(text))
            {
                return $"'{text}' is not a valid IP address";
            }
            normalized = ip.ToString();
            return null;
        }
        if (!IsDottedQuad(text))
        {
            return $"'{text}' is not a valid IP address";
        }
        normalized = text;
        return null;
    }

    /// <summary>True for the textual form inet_pton takes for IPv4: four decimal parts 0–255, no leading zeros.</summary>
    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit) ||
                int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>An embedded IPv4 tail (<c>::ffff:10.0.0.1</c>) must itself be a dotted quad.</summary>
    private static bool Ipv6TailIsValid(string text)
    {
        var lastColon = text.LastIndexOf(':');
        var tail = text[(lastColon + 1)..];
        return !tail.Contains('.', StringComparison.Ordinal) || IsDottedQuad(tail);
    }
}
