using System.Globalization;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Protocols;

namespace SecGroupAdmin.Domain.Rules;

/// <summary>
/// Validates and normalises a security group rule exactly as Neutron does, in Neutron's order
/// (the attribute converters of neutron/extensions/securitygroup.py, then neutron/db/securitygroups_db.py:
/// _validate_security_group_rule and the checks it calls: _validate_port_range, _validate_ip_prefix,
/// _validate_ethertype_and_protocol, the remotes). The first failure decides the error.
/// Checks that need the database (existence, duplicates, quota, policy) are not done here.
/// </summary>
public static class RuleValidator
{
    private const int SecurityGroupIdMaxLength = 36;
    private const int DescriptionMaxLength = 255;

    /// <summary>Stage A then stage B: what a form or the API uses before the database checks.</summary>
    public static RuleValidationResult Validate(RuleInput input)
    {
        RuleValidationResult converted = ValidateAttributes(input);
        return converted.IsValid ? ValidateSemantics(converted.Rule, prefixIsCanonical: true) : converted;
    }

    /// <summary>
    /// Stage A: required attributes, then per-attribute conversion and validation in the order the
    /// attributes are declared. Returns the converted rule, not yet semantically canonicalised.
    /// </summary>
    public static RuleValidationResult ValidateAttributes(RuleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Required attributes, in declaration order.
        if (input.SecurityGroupId.IsAbsent)
        {
            return RuleValidationResult.Fail(NeutronErrors.RequiredAttribute("security_group_id"));
        }
        if (input.Direction.IsAbsent)
        {
            return RuleValidationResult.Fail(NeutronErrors.RequiredAttribute("direction"));
        }

        // 1. security_group_id: a string of at most 36 characters.
        InputValue sgValue = input.SecurityGroupId;
        if (sgValue.Kind != InputKind.String)
        {
            return RuleValidationResult.Fail(NeutronErrors.InvalidStringInput("security_group_id", sgValue.Display));
        }
        string securityGroupId = sgValue.Text!;
        if (ExceedsLength(securityGroupId, SecurityGroupIdMaxLength))
        {
            return RuleValidationResult.Fail(NeutronErrors.TooLong("security_group_id", securityGroupId, SecurityGroupIdMaxLength));
        }

        // 2. direction: exactly "ingress" or "egress".
        string? direction = ConvertDirection(input.Direction);
        if (direction is null)
        {
            return RuleValidationResult.Fail(NeutronErrors.NotInValidValues("direction", input.Direction.Display));
        }

        // 3. protocol.
        if (!TryConvertProtocol(input.Protocol, out string? protocol, out NeutronError? error))
        {
            return RuleValidationResult.Fail(error!);
        }

        // 4. port_range_min, then port_range_max.
        if (!TryConvertPort(input.PortRangeMin, "port_range_min", out int? portMin, out error)
            || !TryConvertPort(input.PortRangeMax, "port_range_max", out int? portMax, out error))
        {
            return RuleValidationResult.Fail(error!);
        }

        // 5. ethertype.
        string? ethertype = ConvertEthertype(input.Ethertype);
        if (ethertype is null)
        {
            return RuleValidationResult.Fail(NeutronErrors.InvalidEtherType(input.Ethertype.Display));
        }

        // 6. remote_ip_prefix.
        if (!TryConvertPrefix(input.RemoteIpPrefix, out string? prefix, out string? normalizedCidr, out error))
        {
            return RuleValidationResult.Fail(error!);
        }

        // 7. description (an extension attribute, so it comes after the base attributes).
        if (!TryConvertDescription(input.Description, out string description, out error))
        {
            return RuleValidationResult.Fail(error!);
        }

        var rule = new NormalizedRule(
            securityGroupId,
            direction,
            ethertype,
            protocol,
            portMin,
            portMax,
            prefix,
            normalizedCidr,
            ConvertRemoteId(input.RemoteGroupId),
            ConvertRemoteId(input.RemoteAddressGroupId),
            description);
        return RuleValidationResult.Ok(rule);
    }

    /// <summary>
    /// Stage B, in order: IPv6 ICMP canonicalisation, 1–65535 to "all ports", the port range table,
    /// prefix against ethertype, ethertype against IPv6-only protocols, at most one remote.
    /// Returns the rule in its stored form.
    /// </summary>
    public static RuleValidationResult ValidateSemantics(in NormalizedRule converted) =>
        ValidateSemantics(converted, prefixIsCanonical: false);

    private static RuleValidationResult ValidateSemantics(in NormalizedRule converted, bool prefixIsCanonical)
    {
        string ethertype = converted.Ethertype;
        string? protocol = converted.Protocol;
        int? portMin = converted.PortRangeMin;
        int? portMax = converted.PortRangeMax;
        string? prefix = converted.RemoteIpPrefix;
        string? normalizedCidr = converted.NormalizedCidr;

        // 1. IPv6 ICMP: icmp/icmpv6 become ipv6-icmp, "1" becomes "58".
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

        // 2. 1–65535 means all ports, whatever the protocol (bug 1848213).
        if (portMin == 1 && portMax == 65535)
        {
            portMin = portMax = null;
        }

        // 3. Port range table.
        NeutronError? error = CheckPortRange(protocol, portMin, portMax);
        if (error is not null)
        {
            return RuleValidationResult.Fail(error);
        }

        // 4. The prefix's IP version must match the ethertype.
        if (!string.IsNullOrEmpty(prefix))
        {
            bool isIpv6;
            if (prefixIsCanonical)
            {
                isIpv6 = IpPrefixParser.LooksLikeIpv6(prefix);
            }
            else
            {
                string input = prefix;
                if (!IpPrefixParser.TryCanonicalize(input, out prefix, out string network, out isIpv6))
                {
                    return RuleValidationResult.Fail(NeutronErrors.InvalidCidr(input));
                }
                normalizedCidr = network;
            }
            if (ethertype != (isIpv6 ? Ethertypes.IPv6 : Ethertypes.IPv4))
            {
                return RuleValidationResult.Fail(NeutronErrors.ParameterConflict(ethertype, prefix));
            }
        }
        else
        {
            prefix = null;
            normalizedCidr = null;
        }

        // 5. IPv6-only protocols are refused under IPv4.
        if (ethertype == Ethertypes.IPv4 && protocol is not null && IpProtocols.IsIpv6OnlyProtocol(protocol))
        {
            return RuleValidationResult.Fail(NeutronErrors.EthertypeConflictWithProtocol(ethertype, protocol));
        }

        // 6. At most one remote.
        bool hasPrefix = prefix is not null;
        bool hasGroup = !string.IsNullOrEmpty(converted.RemoteGroupId);
        bool hasAddressGroup = !string.IsNullOrEmpty(converted.RemoteAddressGroupId);
        if ((hasPrefix ? 1 : 0) + (hasGroup ? 1 : 0) + (hasAddressGroup ? 1 : 0) > 1)
        {
            return RuleValidationResult.Fail(NeutronErrors.MultipleRemoteEntities(
                hasGroup ? "remote_group_id" : "remote_address_group_id"));
        }

        return RuleValidationResult.Ok(converted with
        {
            Protocol = protocol,
            PortRangeMin = portMin,
            PortRangeMax = portMax,
            RemoteIpPrefix = prefix,
            NormalizedCidr = normalizedCidr,
        });
    }

    /// <summary>
    /// Works out the protocol number of a stored protocol (a name, or digits as given) the way
    /// Neutron's _get_ip_proto_number does. False when the text is neither.
    /// </summary>
    public static bool TryGetProtocolNumber(string protocol, out int number)
    {
        if (IpProtocols.TryGetNumber(protocol, out number))
        {
            return true;
        }
        if (PythonInt.TryParse(protocol, out long parsed) && parsed is >= 0 and <= 255)
        {
            number = (int)parsed;
            return true;
        }
        number = -1;
        return false;
    }

    private static NeutronError? CheckPortRange(string? protocol, int? portMin, int? portMax)
    {
        if (portMin is null && portMax is null)
        {
            return null;
        }
        if (protocol is null)
        {
            return NeutronErrors.ProtocolRequiredWithPorts();
        }
        if (!TryGetProtocolNumber(protocol, out int number))
        {
            return NeutronErrors.InvalidProtocol(protocol);
        }

        if (IpProtocols.AllowsPorts(number))
        {
            if (portMin == 0)
            {
                return NeutronErrors.InvalidPortValue("0", "port_range_min");
            }
            if (portMax == 0)
            {
                return NeutronErrors.InvalidPortValue("0", "port_range_max");
            }
            if (portMin is null)
            {
                return NeutronErrors.InvalidPortRange("port_range_min");
            }
            if (portMax is null || portMin > portMax)
            {
                return NeutronErrors.InvalidPortRange("port_range_max");
            }
            return null;
        }

        if (IpProtocols.IsIcmp(number))
        {
            if (portMin is { } type && type is < 0 or > 255)
            {
                return NeutronErrors.InvalidIcmpValue("type", "port_range_min", Text(type));
            }
            if (portMax is { } code && code is < 0 or > 255)
            {
                return NeutronErrors.InvalidIcmpValue("code", "port_range_max", Text(code));
            }
            if (portMin is null && portMax is { } codeOnly)
            {
                return NeutronErrors.MissingIcmpType(Text(codeOnly));
            }
            return null;
        }

        return NeutronErrors.InvalidProtocolForPort(Text(number));
    }

    private static string? ConvertDirection(InputValue value)
    {
        if (value.Kind != InputKind.String)
        {
            return null;
        }
        return value.Text switch
        {
            Directions.Ingress => Directions.Ingress,
            Directions.Egress => Directions.Egress,
            _ => null,
        };
    }

    /// <summary>Neutron's convert_protocol, plus "any" as null (newer Neutron).</summary>
    private static bool TryConvertProtocol(InputValue value, out string? protocol, out NeutronError? error)
    {
        protocol = null;
        error = null;
        switch (value.Kind)
        {
            case InputKind.Absent:
            case InputKind.Null:
                return true;
            case InputKind.Integer:
                if (value.Integer is >= 0 and <= 255)
                {
                    protocol = IpProtocols.NumberText((int)value.Integer);
                    return true;
                }
                error = NeutronErrors.InvalidProtocol(value.Display);
                return false;
            case InputKind.String:
                string text = value.Text!;
                if (text == "any")
                {
                    return true;
                }
                if (PythonInt.TryParse(text, out long number))
                {
                    if (number is >= 0 and <= 255)
                    {
                        // Kept exactly as given ("06" stays "06"); plain digits reuse the interned text.
                        protocol = PythonInt.IsCanonicalDecimal(text) ? IpProtocols.NumberText((int)number) : text;
                        return true;
                    }
                    error = NeutronErrors.InvalidProtocol(text);
                    return false;
                }
                if (IpProtocols.TryGetCanonicalSpelling(text, out string name))
                {
                    protocol = name;
                    return true;
                }
                error = NeutronErrors.InvalidProtocol(text);
                return false;
            default:
                // Booleans and floats make the reference answer 500; we refuse them cleanly.
                error = NeutronErrors.InvalidProtocol(value.Display);
                return false;
        }
    }

    /// <summary>Neutron's convert_validate_port_value: null kept, otherwise int(value) in 0..65535.</summary>
    private static bool TryConvertPort(InputValue value, string field, out int? port, out NeutronError? error)
    {
        port = null;
        error = null;
        long number;
        switch (value.Kind)
        {
            case InputKind.Absent:
            case InputKind.Null:
                return true;
            case InputKind.Integer:
                number = value.Integer;
                break;
            case InputKind.Boolean:
                number = value.Boolean ? 1 : 0;
                break;
            case InputKind.String:
                if (!PythonInt.TryParse(value.Text, out number))
                {
                    error = NeutronErrors.InvalidPortValue(value.Display, field);
                    return false;
                }
                break;
            default:
                // A float such as 22.7 is truncated by int(); anything else is refused.
                if (!double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real)
                    || !double.IsFinite(real))
                {
                    error = NeutronErrors.InvalidPortValue(value.Display, field);
                    return false;
                }
                number = (long)Math.Clamp(Math.Truncate(real), -1, 65536);
                break;
        }

        if (number is < 0 or > 65535)
        {
            error = NeutronErrors.InvalidPortValue(value.Display, field);
            return false;
        }
        port = (int)number;
        return true;
    }

    /// <summary>Case-insensitive IPv4/IPv6; absent means IPv4; anything else (null, numbers) is refused.</summary>
    private static string? ConvertEthertype(InputValue value)
    {
        if (value.IsAbsent)
        {
            return Ethertypes.IPv4;
        }
        if (value.Kind != InputKind.String)
        {
            return null;
        }
        string text = value.Text!;
        if (text.Equals(Ethertypes.IPv4, StringComparison.OrdinalIgnoreCase))
        {
            return Ethertypes.IPv4;
        }
        if (text.Equals(Ethertypes.IPv6, StringComparison.OrdinalIgnoreCase))
        {
            return Ethertypes.IPv6;
        }
        return null;
    }

    /// <summary>Neutron's convert_ip_prefix_to_cidr: falsy values become null, others are parsed.</summary>
    private static bool TryConvertPrefix(InputValue value, out string? prefix, out string? network, out NeutronError? error)
    {
        prefix = network = null;
        error = null;
        switch (value.Kind)
        {
            case InputKind.Absent:
            case InputKind.Null:
                return true;
            case InputKind.String when value.Text!.Length == 0:
                return true;
            case InputKind.String:
                if (IpPrefixParser.TryCanonicalize(value.Text!, out string canonical, out string net, out _))
                {
                    prefix = canonical;
                    network = net;
                    return true;
                }
                break;
            case InputKind.Integer when value.Integer == 0:
            case InputKind.Boolean when !value.Boolean:
                return true;
        }
        error = NeutronErrors.InvalidCidr(value.Display);
        return false;
    }

    private static bool TryConvertDescription(InputValue value, out string description, out NeutronError? error)
    {
        description = "";
        error = null;
        if (value.IsAbsent)
        {
            return true;
        }
        if (value.Kind != InputKind.String)
        {
            error = NeutronErrors.InvalidStringInput("description", value.Display);
            return false;
        }
        string text = value.Text!;
        if (ExceedsLength(text, DescriptionMaxLength))
        {
            error = NeutronErrors.TooLong("description", text, DescriptionMaxLength);
            return false;
        }
        description = text;
        return true;
    }

    /// <summary>Remote ids are not validated by Neutron; an empty string counts as not set.</summary>
    private static string? ConvertRemoteId(InputValue value) => value.Kind switch
    {
        InputKind.Absent or InputKind.Null => null,
        InputKind.String when value.Text!.Length == 0 => null,
        _ => value.Display,
    };

    /// <summary>True when Python's len() (code points, not UTF-16 units) is above <paramref name="max"/>.</summary>
    internal static bool ExceedsLength(string text, int max)
    {
        if (text.Length <= max)
        {
            return false;
        }
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            count++;
        }
        return count > max;
    }

    private static string Text(int value) =>
        value is >= 0 and <= 255 ? IpProtocols.NumberText(value) : value.ToString(CultureInfo.InvariantCulture);
}
