using SecGroupAdmin.Domain.Protocols;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests.Rules;

/// <summary>
/// Accepted rules and the stored form Neutron gives them. "obs N" is row N of
/// tests/SecGroupAdmin.Web.Tests/Api/ReferenceObservations.cs.
/// </summary>
public class RuleNormalisationTests
{
    // caseName, input, protocol, min, max, ethertype, remote_ip_prefix, normalized_cidr
    public static TheoryData<string, string, string?, int?, int?, string, string?, string?> Cases => new()
    {
        { "obs 25 tcp 22 0.0.0.0/0", """{"ethertype":"IPv4","protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"0.0.0.0/0"}""", "tcp", 22, 22, "IPv4", "0.0.0.0/0", "0.0.0.0/0" },
        { "obs 28 TCP", """{"protocol":"TCP","port_range_min":23,"port_range_max":23}""", "tcp", 23, 23, "IPv4", null, null },
        { "TCP ipV4", """{"protocol":"TCP","ethertype":"ipV4","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"10.0.0.0/24"}""", "tcp", 22, 22, "IPv4", "10.0.0.0/24", "10.0.0.0/24" },
        { "obs 31 '132' with ports", """{"protocol":"132","port_range_min":5000,"port_range_max":5001}""", "132", 5000, 5001, "IPv4", null, null },
        { "obs 33 '0' kept", """{"protocol":"0","remote_ip_prefix":"10.9.8.0/24"}""", "0", null, null, "IPv4", "10.9.8.0/24", "10.9.8.0/24" },
        { "obs 38 ports as strings", """{"protocol":"tcp","port_range_min":"80","port_range_max":"80"}""", "tcp", 80, 80, "IPv4", null, null },
        { "obs 43 icmp 8/0", """{"protocol":"icmp","port_range_min":8,"port_range_max":0}""", "icmp", 8, 0, "IPv4", null, null },
        { "obs 46 IPv6 icmp", """{"ethertype":"IPv6","protocol":"icmp"}""", "ipv6-icmp", null, null, "IPv6", null, null },
        { "obs 51 host bits kept", """{"protocol":"udp","remote_ip_prefix":"10.1.2.3/8"}""", "udp", null, null, "IPv4", "10.1.2.3/8", "10.0.0.0/8" },
        { "obs 53 bare IPv4", """{"protocol":"udp","remote_ip_prefix":"192.168.1.1"}""", "udp", null, null, "IPv4", "192.168.1.1/32", "192.168.1.1/32" },
        { "obs 56 IPv6 upper case", """{"ethertype":"IPv6","protocol":"udp","remote_ip_prefix":"2001:DB8::1/32"}""", "udp", null, null, "IPv6", "2001:db8::1/32", "2001:db8::/32" },
        { "obs 63 ipv4", """{"ethertype":"ipv4","protocol":"tcp","port_range_min":443,"port_range_max":443}""", "tcp", 443, 443, "IPv4", null, null },
        { "obs 70 ethertype default", """{"protocol":"tcp","port_range_min":24,"port_range_max":24}""", "tcp", 24, 24, "IPv4", null, null },
        { "obs 73 icmp type only", """{"protocol":"icmp","port_range_min":8}""", "icmp", 8, null, "IPv4", null, null },
        { "obs 74 ::/0 udp 123", """{"ethertype":"IPv6","protocol":"udp","port_range_min":123,"port_range_max":123,"remote_ip_prefix":"::/0"}""", "udp", 123, 123, "IPv6", "::/0", "::/0" },
        { "obs 59 remote group", $$"""{"protocol":"tcp","port_range_min":3306,"port_range_max":3306,"remote_group_id":"{{TestInput.SgId}}"}""", "tcp", 3306, 3306, "IPv4", null, null },
        { "bare IPv4", """{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"10.1.2.3"}""", "tcp", 22, 22, "IPv4", "10.1.2.3/32", "10.1.2.3/32" },
        { "bare IPv6", """{"ethertype":"IPv6","protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"fe80::2677:3ff:fe7d:4c"}""", "tcp", 22, 22, "IPv6", "fe80::2677:3ff:fe7d:4c/128", "fe80::2677:3ff:fe7d:4c/128" },
        { "int 6", """{"protocol":6,"port_range_min":22,"port_range_max":22}""", "6", 22, 22, "IPv4", null, null },
        { "int 2", """{"protocol":2}""", "2", null, null, "IPv4", null, null },
        { "any (deliberate delta)", """{"protocol":"any"}""", null, null, null, "IPv4", null, null },
        { "tcp 1-65535", """{"protocol":"tcp","port_range_min":1,"port_range_max":65535}""", "tcp", null, null, "IPv4", null, null },
        { "1-65535 for icmp too", """{"protocol":"icmp","port_range_min":1,"port_range_max":65535}""", "icmp", null, null, "IPv4", null, null },
        { "1-65535 without protocol", """{"port_range_min":1,"port_range_max":65535}""", null, null, null, "IPv4", null, null },
        { "icmp 8/5", """{"protocol":"icmp","port_range_min":8,"port_range_max":5,"remote_ip_prefix":"10.0.0.0/24"}""", "icmp", 8, 5, "IPv4", "10.0.0.0/24", "10.0.0.0/24" },
        { "icmp type 8", """{"protocol":"icmp","port_range_min":8,"port_range_max":null}""", "icmp", 8, null, "IPv4", null, null },
        { "icmp type 0 code 0", """{"protocol":"icmp","port_range_min":0,"port_range_max":0}""", "icmp", 0, 0, "IPv4", null, null },
        { "icmp 255/255", """{"protocol":"icmp","port_range_min":255,"port_range_max":255}""", "icmp", 255, 255, "IPv4", null, null },
        { "RA", """{"ethertype":"IPv6","protocol":"ipv6-icmp","port_range_min":134,"remote_ip_prefix":"2001::f401:56ff:fefe:d3dc/128"}""", "ipv6-icmp", 134, null, "IPv6", "2001::f401:56ff:fefe:d3dc/128", "2001::f401:56ff:fefe:d3dc/128" },
        { "IPv6 icmpv6", """{"ethertype":"IPv6","protocol":"icmpv6"}""", "ipv6-icmp", null, null, "IPv6", null, null },
        { "IPv6 '1'", """{"ethertype":"IPv6","protocol":"1"}""", "58", null, null, "IPv6", null, null },
        { "IPv6 '58'", """{"ethertype":"IPv6","protocol":"58"}""", "58", null, null, "IPv6", null, null },
        { "IPv6 int 1", """{"ethertype":"IPv6","protocol":1}""", "58", null, null, "IPv6", null, null },
        { "IPv4 '1' stays", """{"protocol":"1","port_range_min":8,"port_range_max":0}""", "1", 8, 0, "IPv4", null, null },
        { "host bits", """{"remote_ip_prefix":"10.0.0.34/24"}""", null, null, null, "IPv4", "10.0.0.34/24", "10.0.0.0/24" },
        { "10.0.0.120/24", """{"remote_ip_prefix":"10.0.0.120/24"}""", null, null, null, "IPv4", "10.0.0.120/24", "10.0.0.0/24" },
        { "IPv6 any", """{"ethertype":"IPv6"}""", null, null, null, "IPv6", null, null },
        { "numeric string protocol kept as given", """{"protocol":"06","port_range_min":5,"port_range_max":5}""", "06", 5, 5, "IPv4", null, null },
        { "port with spaces", """{"protocol":"tcp","port_range_min":" 80 ","port_range_max":"+81"}""", "tcp", 80, 81, "IPv4", null, null },
        { "port true is 1", """{"protocol":"tcp","port_range_min":true,"port_range_max":true}""", "tcp", 1, 1, "IPv4", null, null },
        { "float port truncated", """{"protocol":"tcp","port_range_min":22.7,"port_range_max":"23"}""", "tcp", 22, 23, "IPv4", null, null },
        { "port 65535", """{"protocol":"udp","port_range_min":65535,"port_range_max":65535}""", "udp", 65535, 65535, "IPv4", null, null },
        { "empty prefix is none", """{"remote_ip_prefix":""}""", null, null, null, "IPv4", null, null },
        { "null prefix", """{"remote_ip_prefix":null}""", null, null, null, "IPv4", null, null },
        { "int 0 prefix is none", """{"protocol":"udp","remote_ip_prefix":0}""", "udp", null, null, "IPv4", null, null },
        // IPv4 forms accepted by the reference's netaddr
        { "partial 10.1/8", """{"remote_ip_prefix":"10.1/8"}""", null, null, null, "IPv4", "10.1.0.0/8", "10.0.0.0/8" },
        { "partial 10/8", """{"remote_ip_prefix":"10/8"}""", null, null, null, "IPv4", "10.0.0.0/8", "10.0.0.0/8" },
        { "length with space", """{"remote_ip_prefix":"10.0.0.9/ 8"}""", null, null, null, "IPv4", "10.0.0.9/8", "10.0.0.0/8" },
        { "length with plus", """{"remote_ip_prefix":"10.0.0.9/+8"}""", null, null, null, "IPv4", "10.0.0.9/8", "10.0.0.0/8" },
        { "length 08", """{"remote_ip_prefix":"10.0.0.0/08"}""", null, null, null, "IPv4", "10.0.0.0/8", "10.0.0.0/8" },
        { "leading zeros", """{"remote_ip_prefix":"010.0.0.09"}""", null, null, null, "IPv4", "10.0.0.9/32", "10.0.0.9/32" },
        { "leading space", """{"remote_ip_prefix":" 10.0.0.0/8"}""", null, null, null, "IPv4", "10.0.0.0/8", "10.0.0.0/8" },
        { "1.2.3.4/0 kept", """{"remote_ip_prefix":"1.2.3.4/0"}""", null, null, null, "IPv4", "1.2.3.4/0", "0.0.0.0/0" },
        { "netmask", """{"remote_ip_prefix":"10.0.0.0/255.255.0.0"}""", null, null, null, "IPv4", "10.0.0.0/16", "10.0.0.0/16" },
        { "hostmask", """{"remote_ip_prefix":"10.0.0.0/0.0.255.255"}""", null, null, null, "IPv4", "10.0.0.0/16", "10.0.0.0/16" },
        { "netmask 0.0.0.0", """{"remote_ip_prefix":"10.0.0.0/0.0.0.0"}""", null, null, null, "IPv4", "10.0.0.0/0", "0.0.0.0/0" },
        { "netmask all ones", """{"remote_ip_prefix":"10.0.0.0/255.255.255.255"}""", null, null, null, "IPv4", "10.0.0.0/32", "10.0.0.0/32" },
        // IPv6 forms, as observed on the reference
        { "IPv6 full form", """{"ethertype":"IPv6","remote_ip_prefix":"2001:0DB8:0000:0000:0000:0000:0000:0001/64"}""", null, null, null, "IPv6", "2001:db8::1/64", "2001:db8::/64" },
        { "IPv6 single zero not compressed", """{"ethertype":"IPv6","remote_ip_prefix":"1:0:2:3:4:5:6:7"}""", null, null, null, "IPv6", "1:0:2:3:4:5:6:7/128", "1:0:2:3:4:5:6:7/128" },
        { "IPv6 first longest run", """{"ethertype":"IPv6","remote_ip_prefix":"2001:db8:0:0:1:0:0:1"}""", null, null, null, "IPv6", "2001:db8::1:0:0:1/128", "2001:db8::1:0:0:1/128" },
        { "IPv6 compatible", """{"ethertype":"IPv6","remote_ip_prefix":"::1.2.3.4"}""", null, null, null, "IPv6", "::1.2.3.4/128", "::1.2.3.4/128" },
        { "IPv6 mapped", """{"ethertype":"IPv6","remote_ip_prefix":"::FFFF:1.2.3.4/120"}""", null, null, null, "IPv6", "::ffff:1.2.3.4/120", "::ffff:1.2.3.0/120" },
        { "IPv6 embedded dotted elsewhere", """{"ethertype":"IPv6","remote_ip_prefix":"2001:db8::1.2.3.4"}""", null, null, null, "IPv6", "2001:db8::102:304/128", "2001:db8::102:304/128" },
        { "IPv6 netmask", """{"ethertype":"IPv6","remote_ip_prefix":"2001:DB8::/ffff::"}""", null, null, null, "IPv6", "2001:db8::/16", "2001::/16" },
        { "IPv6 ::", """{"ethertype":"IPv6","remote_ip_prefix":"::"}""", null, null, null, "IPv6", "::/128", "::/128" },
        { "IPv6 ::0/0", """{"ethertype":"IPv6","remote_ip_prefix":"::0/0"}""", null, null, null, "IPv6", "::/0", "::/0" },
        { "IPv6 /128 boundary", """{"ethertype":"IPv6","remote_ip_prefix":"2001:db8::1/128"}""", null, null, null, "IPv6", "2001:db8::1/128", "2001:db8::1/128" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stored_form(string caseName, string json, string? protocol, int? min, int? max, string ethertype, string? prefix, string? normalizedCidr)
    {
        NormalizedRule rule = TestInput.Valid(json);

        Assert.True(protocol == rule.Protocol, $"{caseName}: protocol {rule.Protocol}");
        Assert.Equal(min, rule.PortRangeMin);
        Assert.Equal(max, rule.PortRangeMax);
        Assert.Equal(ethertype, rule.Ethertype);
        Assert.Equal(prefix, rule.RemoteIpPrefix);
        Assert.Equal(normalizedCidr, rule.NormalizedCidr);
    }

    [Fact]
    public void Defaults_fill_the_rest()
    {
        NormalizedRule rule = TestInput.Valid("{}");

        Assert.Equal(new NormalizedRule(TestInput.SgId, "ingress", "IPv4", null, null, null, null, null, null, null, ""), rule);
    }

    [Fact]
    public void Remote_ids_are_kept_and_empty_means_none()
    {
        Assert.Equal("5", TestInput.Valid("""{"remote_group_id":5}""").RemoteGroupId);
        Assert.Equal("ag", TestInput.Valid("""{"remote_address_group_id":"ag"}""").RemoteAddressGroupId);
        Assert.Null(TestInput.Valid("""{"remote_group_id":"","remote_ip_prefix":"10.0.0.0/8"}""").RemoteGroupId);
        Assert.Equal("d", TestInput.Valid("""{"description":"d","direction":"egress"}""").Description);
    }

    [Fact]
    public void Description_of_255_characters_is_accepted()
    {
        string description = new('x', 255);
        Assert.Equal(description, TestInput.Valid($$"""{"description":"{{description}}"}""").Description);
    }

    public static TheoryData<string> ProtocolNames => new(IpProtocols.Names);

    [Theory]
    [MemberData(nameof(ProtocolNames))]
    public void Every_protocol_name_is_accepted_in_any_case_and_lower_cased(string name)
    {
        string ethertype = IpProtocols.IsIpv6OnlyName(name) ? "IPv6" : "IPv4";
        foreach (string spelling in new[] { name, name.ToUpperInvariant(), char.ToUpperInvariant(name[0]) + name[1..] })
        {
            RuleValidationResult converted = RuleValidator.ValidateAttributes(
                TestInput.Rule($$"""{"ethertype":"{{ethertype}}","protocol":"{{spelling}}"}"""));
            Assert.True(converted.IsValid, spelling);
            Assert.Equal(name, converted.Rule.Protocol);
            Assert.Same(IpProtocols.Names.First(n => n == name), converted.Rule.Protocol);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("17")]
    [InlineData("254")]
    [InlineData("255")]
    public void Protocol_numbers_0_to_255_are_kept_as_digit_strings(string number)
    {
        Assert.Equal(number, TestInput.Valid($$"""{"protocol":"{{number}}"}""").Protocol);
        Assert.Equal(number, TestInput.Valid($$"""{"protocol":{{number}}}""").Protocol);
    }

    [Theory]
    [InlineData("\"256\"", "256")]
    [InlineData("256", "256")]
    [InlineData("-1", "-1")]
    [InlineData("\"1000\"", "1000")]
    public void Protocol_numbers_outside_0_to_255_are_refused(string json, string shown)
    {
        RuleValidationResult result = RuleValidator.Validate(TestInput.Rule($$"""{"protocol":{{json}}}"""));
        Assert.Equal("SecurityGroupRuleInvalidProtocol", result.Error!.Type);
        Assert.StartsWith($"Security group rule protocol {shown} not supported.", result.Error.Message);
    }

    [Fact]
    public void Semantics_alone_canonicalises_a_hand_made_rule()
    {
        var converted = new NormalizedRule("sg", "ingress", "IPv6", "icmp", 1, 65535, "2001:DB8::1/64", null, null, null, "");

        RuleValidationResult result = RuleValidator.ValidateSemantics(converted);

        Assert.True(result.IsValid);
        Assert.Equal("ipv6-icmp", result.Rule.Protocol);
        Assert.Null(result.Rule.PortRangeMin);
        Assert.Equal("2001:db8::1/64", result.Rule.RemoteIpPrefix);
        Assert.Equal("2001:db8::/64", result.Rule.NormalizedCidr);
    }

    [Fact]
    public void Canonical_input_strings_are_reused()
    {
        var input = RuleInput.FromForm("sg", "ingress", "IPv4", "tcp", 22, 22, "10.0.0.0/8", null, null);
        string prefix = input.RemoteIpPrefix.Text!;

        NormalizedRule rule = RuleValidator.Validate(input).Rule;

        Assert.Same(prefix, rule.RemoteIpPrefix);
        Assert.Same(prefix, rule.NormalizedCidr);
        Assert.Same(IpProtocols.Tcp, rule.Protocol);
    }

    [Fact]
    public void Form_input_leaves_optional_fields_absent()
    {
        var input = RuleInput.FromForm("sg", "egress", null, null, null, null, null, null, null);

        Assert.Equal(InputKind.Absent, input.Ethertype.Kind);
        Assert.Equal(InputKind.Absent, input.Description.Kind);
        Assert.Equal(new NormalizedRule("sg", "egress", "IPv4", null, null, null, null, null, null, null, ""),
            RuleValidator.Validate(input).Rule);
    }
}
