using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Ports;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// Neutron's <c>fixed_ips</c> filter of <c>GET /v2.0/ports</c>: each value is <c>key=value</c> (convert_kvp_list_to_dict),
/// e.g. <c>fixed_ips=ip_address=10.0.0.5</c> (exact; the address is normalized first, so <c>2001:DB8::1</c> finds
/// <c>2001:db8::1</c>) or <c>fixed_ips=ip_address_substr=10.0.</c>; repeated values match any of them. There are no
/// subnets here: <c>subnet_id=</c>/<c>subnet=</c> match no port. A value without <c>=</c> or another key is 400.
/// </summary>
public static class FixedIpFilter
{
    public const string Key = "fixed_ips";

    private static readonly HashSet<string> Keys = ["ip_address", "ip_address_substr", "subnet_id", "subnet"];

    /// <summary>Refuses malformed values before anything is read (both the SQL and the in-memory list).</summary>
    public static void CheckForm(StringValues values)
    {
        foreach (var value in values)
        {
            var text = value ?? "";
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new NeutronException(NeutronErrors.InvalidInput($"'{text}' is not of the form <key>=[value]", Key));
            }
            if (!Keys.Contains(text[..equals]))
            {
                throw new NeutronException(NeutronErrors.InvalidInput(
                    $"'{text[..equals]}' is not a fixed_ips filter (ip_address, ip_address_substr, subnet_id)", Key));
            }
        }
    }

    /// <summary>The ports one value matches, as SQL.</summary>
    public static Expression<Func<Port, bool>> Sql(string wanted)
    {
        var (key, value) = Split(wanted);
        return key switch
        {
            "ip_address" => p => p.FixedIps.Any(f => f.IpAddress == value),
#pragma warning disable CA1307, CA1310 // Contains(string) translates to SQL; the overload the analyzer asks for does not.
            "ip_address_substr" => p => p.FixedIps.Any(f => f.IpAddress.Contains(value)),
#pragma warning restore CA1307, CA1310
            _ => p => false,
        };
    }

    /// <summary>Whether one <c>{"ip_address": ...}</c> entry of a port's view matches a value (the in-memory list).</summary>
    public static bool Matches(JsonObject entry, string? wanted)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (key, value) = Split(wanted ?? "");
        var address = entry["ip_address"]?.GetValue<string>() ?? "";
        return key switch
        {
            "ip_address" => address == value,
            "ip_address_substr" => address.Contains(value, StringComparison.Ordinal),
            _ => false,
        };
    }

    private static (string Key, string Value) Split(string wanted)
    {
        var equals = wanted.IndexOf('=', StringComparison.Ordinal);
        var key = equals < 0 ? "" : wanted[..equals];
        var value = equals < 0 ? "" : wanted[(equals + 1)..];
        return key == "ip_address" && FixedIpValidator.Normalize(value, out var normalized) is null ? (key, normalized) : (key, value);
    }
}
