using System.Text.Json;
using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests.DefaultRules;

/// <summary>
/// Template rules checked as Neutron 2023.2+ checks them (neutron/extensions/security_groups_default_rules.py's
/// attribute map, then securitygroups_db.py: _validate_base_security_group_rule_attributes, _rule_to_key).
/// </summary>
public class DefaultRuleValidatorTests
{
    /// <summary>A template rule from a JSON object; direction and both flags are filled in unless named.</summary>
    internal static DefaultRuleInput Input(string json, bool fill = true)
    {
        using var document = JsonDocument.Parse(json);
        var input = new DefaultRuleInput();
        if (fill)
        {
            input.Direction = InputValue.FromString("ingress");
            input.UsedInDefaultSg = InputValue.FromBoolean(true);
            input.UsedInNonDefaultSg = InputValue.FromBoolean(true);
        }
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = TestInput.Value(property.Value);
            switch (property.Name)
            {
                case "direction": input.Direction = value; break;
                case "ethertype": input.Ethertype = value; break;
                case "protocol": input.Protocol = value; break;
                case "port_range_min": input.PortRangeMin = value; break;
                case "port_range_max": input.PortRangeMax = value; break;
                case "remote_ip_prefix": input.RemoteIpPrefix = value; break;
                case "remote_group_id": input.RemoteGroupId = value; break;
                case "remote_address_group_id": input.RemoteAddressGroupId = value; break;
                case "description": input.Description = value; break;
                case "used_in_default_sg": input.UsedInDefaultSg = value; break;
                case "used_in_non_default_sg": input.UsedInNonDefaultSg = value; break;
                default: throw new ArgumentException(property.Name);
            }
        }
        return input;
    }

    internal static DefaultRule Valid(string json)
    {
        var result = DefaultRuleValidator.Validate(Input(json));
        Assert.True(result.IsValid, result.Error?.Message);
        return result.Rule;
    }

    public static TheoryData<string, string, string, string> Refused => new()
    {
        { "direction required first", """{"ethertype": "IPv9"}""", "HTTPBadRequest", "Failed to parse request. Required attribute 'direction' not specified" },
        { "used_in_default_sg required", """{"direction": "egress", "used_in_non_default_sg": true}""", "HTTPBadRequest", "Failed to parse request. Required attribute 'used_in_default_sg' not specified" },
        { "used_in_non_default_sg required", """{"direction": "egress", "used_in_default_sg": false}""", "HTTPBadRequest", "Failed to parse request. Required attribute 'used_in_non_default_sg' not specified" },
        { "description before direction's value", """{"direction": "up", "description": 5, "used_in_default_sg": true, "used_in_non_default_sg": true}""", "HTTPBadRequest", "Invalid input for description. Reason: '5' is not a valid string." },
        { "description max 1024", $$"""{"direction": "egress", "description": "{{new string('d', 1025)}}", "used_in_default_sg": true, "used_in_non_default_sg": true}""", "HTTPBadRequest", $"Invalid input for description. Reason: '{new string('d', 1025)}' exceeds maximum length of 1024." },
        { "flags after the rule's attributes", """{"direction": "egress", "ethertype": "IPv9", "used_in_default_sg": "maybe", "used_in_non_default_sg": true}""", "SecurityGroupRuleInvalidEtherType", "Security group rule for ethertype 'IPv9' not supported. Allowed values are ['IPv4', 'IPv6']." },
        { "flag not boolean", """{"direction": "egress", "used_in_default_sg": "maybe", "used_in_non_default_sg": true}""", "InvalidInput", "Invalid input for operation: 'maybe' cannot be converted to boolean." },
        { "second flag not boolean", """{"direction": "egress", "used_in_default_sg": "yes", "used_in_non_default_sg": 2}""", "InvalidInput", "Invalid input for operation: '2' cannot be converted to boolean." },
        { "icmp code without type", """{"direction": "egress", "protocol": "icmp", "port_range_max": 3, "used_in_default_sg": true, "used_in_non_default_sg": true}""", "SecurityGroupMissingIcmpType", "ICMP code (port-range-max) 3 is provided but ICMP type (port-range-min) is missing." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuses_in_neutrons_order(string caseName, string json, string type, string message)
    {
        _ = caseName;
        var result = DefaultRuleValidator.Validate(Input(json, fill: false));
        Assert.False(result.IsValid);
        Assert.Equal(type, result.Error!.Type);
        Assert.Equal(message, result.Error.Message);
    }

    [Fact]
    public void Normalises_as_rules_and_keeps_parent_and_the_flags()
    {
        var rule = Valid("""{"ethertype": "ipv6", "protocol": "icmp", "remote_group_id": "PARENT", "used_in_default_sg": "yes", "used_in_non_default_sg": "0", "description": "peers"}""");
        Assert.Equal("IPv6", rule.Rule.Ethertype);
        Assert.Equal("ipv6-icmp", rule.Rule.Protocol);
        Assert.Equal(DefaultRule.Parent, rule.Rule.RemoteGroupId);
        Assert.Equal("peers", rule.Rule.Description);
        Assert.True(rule.UsedInDefaultSg);
        Assert.False(rule.UsedInNonDefaultSg);

        var all = Valid("""{"protocol": "tcp", "port_range_min": 1, "port_range_max": 65535, "remote_ip_prefix": "10.1.2.3/16"}""");
        Assert.Null(all.Rule.PortRangeMin);
        Assert.Equal("10.1.2.3/16", all.Rule.RemoteIpPrefix);
        Assert.Equal("10.1.0.0/16", all.Rule.NormalizedCidr);
        Assert.Equal("IPv4", all.Rule.Ethertype);
    }

    public static TheoryData<string, string, string, bool> SameKey => new()
    {
        { "protocol name and number", """{"protocol": "tcp", "port_range_min": 22, "port_range_max": 22}""", """{"protocol": "6", "port_range_min": 22, "port_range_max": 22}""", true },
        { "no prefix and 0.0.0.0/0", """{"direction": "egress"}""", """{"direction": "egress", "remote_ip_prefix": "0.0.0.0/0"}""", true },
        { "description not compared", """{"description": "a"}""", """{"description": "b"}""", true },
        { "different port", """{"protocol": "tcp", "port_range_min": 22, "port_range_max": 22}""", """{"protocol": "tcp", "port_range_min": 23, "port_range_max": 23}""", false },
        { "parent and a group id", """{"remote_group_id": "PARENT"}""", """{"remote_group_id": "b721a55e-6622-4e7e-9150-89be80606909"}""", false },
    };

    [Theory]
    [MemberData(nameof(SameKey))]
    public void Duplicate_key_is_neutrons_rule_key(string caseName, string a, string b, bool same)
    {
        _ = caseName;
        Assert.Equal(same, Valid(a).Key == Valid(b).Key);
    }
}
