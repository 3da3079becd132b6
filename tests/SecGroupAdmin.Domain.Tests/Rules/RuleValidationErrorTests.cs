using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests.Rules;

/// <summary>
/// Every way a rule can be refused before the database is consulted: stage A attribute conversion and
/// stage B semantic checks, with the exact status, type, message and field. "obs N" is row N of
/// tests/SecGroupAdmin.Web.Tests/Api/ReferenceObservations.cs (what the reference Neutron answered).
/// </summary>
public class RuleValidationErrorTests
{
    // Copied byte for byte from row 29 of ReferenceObservations (Web tests).
    private const string ProtocolList =
        "[None, 'ah', 'dccp', 'egp', 'esp', 'gre', 'hopopt', 'icmp', 'igmp', 'ip', 'ipip', 'ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', 'ospf', 'pgm', 'rsvp', 'sctp', 'tcp', 'udp', 'udplite', 'vrrp']";

    private const string Bad = "HTTPBadRequest";

    private static string InvalidProtocol(string value) =>
        $"Security group rule protocol {value} not supported. Only protocol values {ProtocolList} and integer representations [0 to 255] are supported.";

    private static string InvalidEthertype(string value) =>
        $"Security group rule for ethertype '{value}' not supported. Allowed values are ['IPv4', 'IPv6'].";

    private const string PortRange = "For TCP/UDP protocols, port_range_min must be <= port_range_max";
    private const string MultipleRemotes = "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.";

    public static TheoryData<string, string, int, string, string, string?> Cases => new()
    {
        // ---- stage A: required attributes ----
        { "obs 64", """{"$absent":["security_group_id"]}""", 400, Bad, "Failed to parse request. Required attribute 'security_group_id' not specified", "security_group_id" },
        { "obs 61", """{"$absent":["direction"]}""", 400, Bad, "Failed to parse request. Required attribute 'direction' not specified", "direction" },
        { "both missing: sg first", """{"$absent":["direction","security_group_id"]}""", 400, Bad, "Failed to parse request. Required attribute 'security_group_id' not specified", "security_group_id" },

        // ---- security_group_id ----
        { "int sg id", """{"security_group_id":0}""", 400, Bad, "Invalid input for security_group_id. Reason: '0' is not a valid string.", "security_group_id" },
        { "null sg id", """{"security_group_id":null}""", 400, Bad, "Invalid input for security_group_id. Reason: 'None' is not a valid string.", "security_group_id" },
        { "bool sg id", """{"security_group_id":true}""", 400, Bad, "Invalid input for security_group_id. Reason: 'True' is not a valid string.", "security_group_id" },
        { "sg id 37 chars", """{"security_group_id":"0123456789012345678901234567890123456"}""", 400, Bad, "Invalid input for security_group_id. Reason: '0123456789012345678901234567890123456' exceeds maximum length of 36.", "security_group_id" },

        // ---- direction ----
        { "obs 60", """{"direction":"sideways"}""", 400, Bad, "Invalid input for direction. Reason: sideways is not in valid_values.", "direction" },
        { "direction null", """{"direction":null}""", 400, Bad, "Invalid input for direction. Reason: None is not in valid_values.", "direction" },
        { "direction is case-sensitive", """{"direction":"INGRESS"}""", 400, Bad, "Invalid input for direction. Reason: INGRESS is not in valid_values.", "direction" },
        { "direction int", """{"direction":5}""", 400, Bad, "Invalid input for direction. Reason: 5 is not in valid_values.", "direction" },
        { "direction checked before protocol", """{"direction":"up","protocol":"foo"}""", 400, Bad, "Invalid input for direction. Reason: up is not in valid_values.", "direction" },

        // ---- protocol ----
        { "obs 29 foo", """{"protocol":"foo"}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("foo"), "protocol" },
        { "obs 30 '256'", """{"protocol":"256"}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("256"), "protocol" },
        { "int 256", """{"protocol":256}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("256"), "protocol" },
        { "'-1'", """{"protocol":"-1"}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("-1"), "protocol" },
        { "int -1", """{"protocol":-1}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("-1"), "protocol" },
        { "tcp/ip", """{"protocol":"tcp/ip"}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("tcp/ip"), "protocol" },
        { "bad", """{"protocol":"bad"}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("bad"), "protocol" },
        { "original case kept in message", """{"protocol":"FOO"}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("FOO"), "protocol" },
        { "ANY is not any", """{"protocol":"ANY"}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("ANY"), "protocol" },
        { "empty string", """{"protocol":""}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol(""), "protocol" },
        { "boolean (reference: 500)", """{"protocol":true}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("True"), "protocol" },
        { "float (reference: 500)", """{"protocol":6.5}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("6.5"), "protocol" },
        { "protocol checked before ports", """{"protocol":"foo","port_range_min":"abc"}""", 400, "SecurityGroupRuleInvalidProtocol", InvalidProtocol("foo"), "protocol" },

        // ---- ports (stage A range 0..65535) ----
        { "obs 37 65536", """{"protocol":"tcp","port_range_min":1,"port_range_max":65536}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port 65536", "port_range_max" },
        { "obs 39 abc", """{"protocol":"tcp","port_range_min":"abc"}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port abc", "port_range_min" },
        { "obs 75 icmp -1", """{"protocol":"icmp","port_range_min":-1}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port -1", "port_range_min" },
        { "-16/80", """{"protocol":"tcp","port_range_min":-16,"port_range_max":80}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port -16", "port_range_min" },
        { "80/65536", """{"protocol":"tcp","port_range_min":80,"port_range_max":65536}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port 65536", "port_range_max" },
        { "-16/65536: min first", """{"protocol":"tcp","port_range_min":-16,"port_range_max":65536}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port -16", "port_range_min" },
        { "icmp -1/25", """{"protocol":"icmp","port_range_min":-1,"port_range_max":25}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port -1", "port_range_min" },
        { "numeric string out of range", """{"protocol":"tcp","port_range_min":"70000","port_range_max":"70000"}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port 70000", "port_range_min" },
        { "list", """{"protocol":"tcp","port_range_min":[1]}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port [1]", "port_range_min" },
        { "empty string port", """{"protocol":"tcp","port_range_min":""}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port ", "port_range_min" },
        { "port checked before ethertype", """{"protocol":"tcp","port_range_min":-1,"ethertype":"x"}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port -1", "port_range_min" },

        // ---- ethertype ----
        { "obs 62 IPv5", """{"ethertype":"IPv5"}""", 400, "SecurityGroupRuleInvalidEtherType", InvalidEthertype("IPv5"), "ethertype" },
        { "number", """{"protocol":"tcp","port_range_min":22,"port_range_max":22,"ethertype":2}""", 400, "SecurityGroupRuleInvalidEtherType", InvalidEthertype("2"), "ethertype" },
        { "null", """{"ethertype":null}""", 400, "SecurityGroupRuleInvalidEtherType", InvalidEthertype("None"), "ethertype" },
        { "empty", """{"ethertype":""}""", 400, "SecurityGroupRuleInvalidEtherType", InvalidEthertype(""), "ethertype" },
        { "ip", """{"ethertype":"ip"}""", 400, "SecurityGroupRuleInvalidEtherType", InvalidEthertype("ip"), "ethertype" },
        { "ip4", """{"ethertype":"ip4"}""", 400, "SecurityGroupRuleInvalidEtherType", InvalidEthertype("ip4"), "ethertype" },
        { "ip6", """{"ethertype":"ip6"}""", 400, "SecurityGroupRuleInvalidEtherType", InvalidEthertype("ip6"), "ethertype" },
        { "BadEthertype with prefix", """{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"192.168.2.1/24","ethertype":"BadEthertype"}""", 400, "SecurityGroupRuleInvalidEtherType", InvalidEthertype("BadEthertype"), "ethertype" },
        { "ethertype checked before prefix", """{"ethertype":"x","remote_ip_prefix":"bad"}""", 400, "SecurityGroupRuleInvalidEtherType", InvalidEthertype("x"), "ethertype" },

        // ---- remote_ip_prefix ----
        { "bad_ip", """{"remote_ip_prefix":"bad_ip"}""", 400, "InvalidCIDR", "Invalid CIDR bad_ip given as IP prefix.", "remote_ip_prefix" },
        { "256", """{"remote_ip_prefix":"256"}""", 400, "InvalidCIDR", "Invalid CIDR 256 given as IP prefix.", "remote_ip_prefix" },
        { "/129", """{"ethertype":"IPv6","remote_ip_prefix":"2001:db8:a::123/129"}""", 400, "InvalidCIDR", "Invalid CIDR 2001:db8:a::123/129 given as IP prefix.", "remote_ip_prefix" },
        { "172.30./24", """{"remote_ip_prefix":"172.30./24"}""", 400, "InvalidCIDR", "Invalid CIDR 172.30./24 given as IP prefix.", "remote_ip_prefix" },
        { "192.168.1./24", """{"remote_ip_prefix":"192.168.1./24"}""", 400, "InvalidCIDR", "Invalid CIDR 192.168.1./24 given as IP prefix.", "remote_ip_prefix" },
        { "192.168.1.1/33", """{"remote_ip_prefix":"192.168.1.1/33"}""", 400, "InvalidCIDR", "Invalid CIDR 192.168.1.1/33 given as IP prefix.", "remote_ip_prefix" },
        { "obs 54 300.1.1.1/8", """{"protocol":"udp","remote_ip_prefix":"300.1.1.1/8"}""", 400, "InvalidCIDR", "Invalid CIDR 300.1.1.1/8 given as IP prefix.", "remote_ip_prefix" },
        { "obs 55 /33", """{"protocol":"udp","remote_ip_prefix":"10.0.0.0/33"}""", 400, "InvalidCIDR", "Invalid CIDR 10.0.0.0/33 given as IP prefix.", "remote_ip_prefix" },
        { "int prefix", """{"remote_ip_prefix":5}""", 400, "InvalidCIDR", "Invalid CIDR 5 given as IP prefix.", "remote_ip_prefix" },
        { "hex octet", """{"remote_ip_prefix":"0x0a.0.0.0/8"}""", 400, "InvalidCIDR", "Invalid CIDR 0x0a.0.0.0/8 given as IP prefix.", "remote_ip_prefix" },
        { "two slashes", """{"remote_ip_prefix":"10.0.0.0/8/8"}""", 400, "InvalidCIDR", "Invalid CIDR 10.0.0.0/8/8 given as IP prefix.", "remote_ip_prefix" },
        { "non-contiguous mask", """{"remote_ip_prefix":"10.0.0.0/255.0.255.0"}""", 400, "InvalidCIDR", "Invalid CIDR 10.0.0.0/255.0.255.0 given as IP prefix.", "remote_ip_prefix" },
        { "empty length", """{"remote_ip_prefix":"10.0.0.0/"}""", 400, "InvalidCIDR", "Invalid CIDR 10.0.0.0/ given as IP prefix.", "remote_ip_prefix" },
        { "octet 256", """{"remote_ip_prefix":"10.0.0.256"}""", 400, "InvalidCIDR", "Invalid CIDR 10.0.0.256 given as IP prefix.", "remote_ip_prefix" },
        { "IPv6 zone", """{"ethertype":"IPv6","remote_ip_prefix":"fe80::1%eth0"}""", 400, "InvalidCIDR", "Invalid CIDR fe80::1%eth0 given as IP prefix.", "remote_ip_prefix" },
        { "IPv6 brackets", """{"ethertype":"IPv6","remote_ip_prefix":"[::1]"}""", 400, "InvalidCIDR", "Invalid CIDR [::1] given as IP prefix.", "remote_ip_prefix" },
        { "IPv6 embedded octet with leading zero", """{"ethertype":"IPv6","remote_ip_prefix":"::ffff:010.1.2.3"}""", 400, "InvalidCIDR", "Invalid CIDR ::ffff:010.1.2.3 given as IP prefix.", "remote_ip_prefix" },
        { "IPv6 /200", """{"ethertype":"IPv6","remote_ip_prefix":"1::/200"}""", 400, "InvalidCIDR", "Invalid CIDR 1::/200 given as IP prefix.", "remote_ip_prefix" },
        { "prefix checked before description", """{"remote_ip_prefix":"bad","description":5}""", 400, "InvalidCIDR", "Invalid CIDR bad given as IP prefix.", "remote_ip_prefix" },

        // ---- description ----
        { "obs 68 256 chars", "{\"protocol\":\"tcp\",\"port_range_min\":2,\"port_range_max\":2,\"description\":\"" + new string('x', 256) + "\"}", 400, Bad, "Invalid input for description. Reason: '" + new string('x', 256) + "' exceeds maximum length of 255.", "description" },
        { "description null", """{"description":null}""", 400, Bad, "Invalid input for description. Reason: 'None' is not a valid string.", "description" },
        { "description int", """{"description":5}""", 400, Bad, "Invalid input for description. Reason: '5' is not a valid string.", "description" },

        // ---- stage B: port table ----
        { "obs 34 100/90", """{"protocol":"tcp","port_range_min":100,"port_range_max":90}""", 400, "SecurityGroupInvalidPortRange", PortRange, "port_range_max" },
        { "obs 35 ports without protocol", """{"port_range_min":80,"port_range_max":80}""", 400, "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given.", "protocol" },
        { "null protocol 22-22", """{"protocol":null,"port_range_min":22,"port_range_max":22}""", 400, "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given.", "protocol" },
        { "any protocol with ports", """{"protocol":"any","port_range_min":22,"port_range_max":22}""", 400, "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given.", "protocol" },
        { "obs 36 port 0", """{"protocol":"tcp","port_range_min":0,"port_range_max":0}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port 0", "port_range_min" },
        { "max 0", """{"protocol":"udp","port_range_min":5,"port_range_max":0}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port 0", "port_range_max" },
        { "obs 40 min only", """{"protocol":"tcp","port_range_min":8080}""", 400, "SecurityGroupInvalidPortRange", PortRange, "port_range_max" },
        { "obs 41 max only", """{"protocol":"tcp","port_range_max":8081}""", 400, "SecurityGroupInvalidPortRange", PortRange, "port_range_min" },
        { "80/79", """{"protocol":"tcp","port_range_min":80,"port_range_max":79}""", 400, "SecurityGroupInvalidPortRange", PortRange, "port_range_max" },
        { "null/6", """{"protocol":"tcp","port_range_max":6}""", 400, "SecurityGroupInvalidPortRange", PortRange, "port_range_min" },
        { "udp 50/22", """{"protocol":"udp","port_range_min":50,"port_range_max":22}""", 400, "SecurityGroupInvalidPortRange", PortRange, "port_range_max" },
        { "'6' 50/22", """{"protocol":"6","port_range_min":50,"port_range_max":22}""", 400, "SecurityGroupInvalidPortRange", PortRange, "port_range_max" },
        { "'17' 50/22", """{"protocol":"17","port_range_min":50,"port_range_max":22}""", 400, "SecurityGroupInvalidPortRange", PortRange, "port_range_max" },
        { "int 6 70/null", """{"protocol":6,"port_range_min":70}""", 400, "SecurityGroupInvalidPortRange", PortRange, "port_range_max" },
        { "sctp 9/8", """{"protocol":"sctp","port_range_min":9,"port_range_max":8}""", 400, "SecurityGroupInvalidPortRange", PortRange, "port_range_max" },
        { "111 with ports", """{"protocol":111,"port_range_min":70,"port_range_max":70}""", 400, "SecurityGroupInvalidProtocolForPort", "Ports cannot be specified for protocol 111. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.", "port_range_min" },
        { "gre with ports prints number", """{"protocol":"gre","port_range_min":70,"port_range_max":70}""", 400, "SecurityGroupInvalidProtocolForPort", "Ports cannot be specified for protocol 47. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.", "port_range_min" },
        { "'0' with ports", """{"protocol":"0","port_range_min":5,"port_range_max":5}""", 400, "SecurityGroupInvalidProtocolForPort", "Ports cannot be specified for protocol 0. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.", "port_range_min" },
        { "hopopt with ports", """{"protocol":"hopopt","port_range_min":5}""", 400, "SecurityGroupInvalidProtocolForPort", "Ports cannot be specified for protocol 0. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.", "port_range_min" },
        { "port 0 before remotes", """{"protocol":"tcp","port_range_min":0,"port_range_max":80,"remote_ip_prefix":"10.0.0.0/24","remote_group_id":"00000000-0000-0000-0000-000000000000"}""", 400, "SecurityGroupInvalidPortValue", "Invalid value for port 0", "port_range_min" },
        { "obs 42 icmp code only", """{"protocol":"icmp","port_range_max":0}""", 400, "SecurityGroupMissingIcmpType", "ICMP code (port-range-max) 0 is provided but ICMP type (port-range-min) is missing.", "port_range_min" },
        { "icmp null/2", """{"protocol":"icmp","port_range_max":2}""", 400, "SecurityGroupMissingIcmpType", "ICMP code (port-range-max) 2 is provided but ICMP type (port-range-min) is missing.", "port_range_min" },
        { "obs 44 icmp type 256", """{"protocol":"icmp","port_range_min":256}""", 400, "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP type (port_range_min) 256. It must be 0 to 255.", "port_range_min" },
        { "obs 45 icmp code 256", """{"protocol":"icmp","port_range_min":3,"port_range_max":256}""", 400, "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP code (port_range_max) 256. It must be 0 to 255.", "port_range_max" },
        { "icmp 300/1", """{"protocol":"icmp","port_range_min":300,"port_range_max":1}""", 400, "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP type (port_range_min) 300. It must be 0 to 255.", "port_range_min" },
        { "icmp null/300: value before missing type", """{"protocol":"icmp","port_range_max":300}""", 400, "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP code (port_range_max) 300. It must be 0 to 255.", "port_range_max" },
        { "IPv6 '1' is ICMP too", """{"ethertype":"IPv6","protocol":"1","port_range_min":300}""", 400, "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP type (port_range_min) 300. It must be 0 to 255.", "port_range_min" },

        // ---- stage B: prefix against ethertype ----
        { "obs 49 IPv4 with IPv6 prefix", """{"protocol":"udp","remote_ip_prefix":"2001:db8::/32"}""", 400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv4 for CIDR 2001:db8::/32", "remote_ip_prefix" },
        { "obs 50 IPv6 with IPv4 prefix", """{"ethertype":"IPv6","protocol":"udp","remote_ip_prefix":"10.0.0.0/8"}""", 400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv6 for CIDR 10.0.0.0/8", "remote_ip_prefix" },
        { "host bits kept in message", """{"ethertype":"IPv6","protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"192.168.1.1/24"}""", 400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv6 for CIDR 192.168.1.1/24", "remote_ip_prefix" },
        { "IPv4 with /48", """{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"2001:db8:1234::/48"}""", 400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv4 for CIDR 2001:db8:1234::/48", "remote_ip_prefix" },
        { "no inference from ::/0", """{"remote_ip_prefix":"::/0"}""", 400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv4 for CIDR ::/0", "remote_ip_prefix" },
        { "conflict message uses canonical prefix", """{"ethertype":"IPv6","remote_ip_prefix":"10.1.2.3"}""", 400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv6 for CIDR 10.1.2.3/32", "remote_ip_prefix" },
        { "prefix conflict before protocol conflict", """{"protocol":"ipv6-icmp","remote_ip_prefix":"::/0"}""", 400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv4 for CIDR ::/0", "remote_ip_prefix" },

        // ---- stage B: IPv6-only protocols under IPv4 ----
        { "obs 71 ipv6-icmp", """{"protocol":"ipv6-icmp"}""", 400, "SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype IPv4 for protocol ipv6-icmp.", "ethertype" },
        { "obs 48 icmpv6", """{"protocol":"icmpv6"}""", 400, "SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype IPv4 for protocol icmpv6.", "ethertype" },
        { "ipv6-frag", """{"protocol":"ipv6-frag"}""", 400, "SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype IPv4 for protocol ipv6-frag.", "ethertype" },
        { "upper-case name lower-cased in message", """{"protocol":"IPV6-ROUTE"}""", 400, "SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype IPv4 for protocol ipv6-route.", "ethertype" },
        { "int 58", """{"protocol":58}""", 400, "SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype IPv4 for protocol 58.", "ethertype" },
        { "protocol conflict before multiple remotes", """{"protocol":"ipv6-opts","remote_ip_prefix":"10.0.0.0/8","remote_group_id":"x"}""", 400, "SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype IPv4 for protocol ipv6-opts.", "ethertype" },

        // ---- stage B: remotes ----
        { "obs 57 prefix + group", $$"""{"remote_ip_prefix":"10.0.0.0/8","remote_group_id":"{{TestInput.SgId}}"}""", 400, "SecurityGroupMultipleRemoteEntites", MultipleRemotes, "remote_group_id" },
        { "tcp 22 prefix + group", """{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"10.0.0.0/24","remote_group_id":"00000000-0000-0000-0000-000000000000"}""", 400, "SecurityGroupMultipleRemoteEntites", MultipleRemotes, "remote_group_id" },
        { "group + address group", """{"remote_group_id":"a","remote_address_group_id":"b"}""", 400, "SecurityGroupMultipleRemoteEntites", MultipleRemotes, "remote_group_id" },
        { "prefix + address group", """{"remote_ip_prefix":"10.0.0.0/8","remote_address_group_id":"b"}""", 400, "SecurityGroupMultipleRemoteEntites", MultipleRemotes, "remote_address_group_id" },
        { "all three", """{"remote_ip_prefix":"10.0.0.0/8","remote_group_id":"a","remote_address_group_id":"b"}""", 400, "SecurityGroupMultipleRemoteEntites", MultipleRemotes, "remote_group_id" },
        { "0.0.0.0/0 counts as a remote", """{"remote_ip_prefix":"0.0.0.0/0","remote_group_id":"a"}""", 400, "SecurityGroupMultipleRemoteEntites", MultipleRemotes, "remote_group_id" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Refused_with_the_reference_error(string caseName, string json, int status, string type, string message, string? field)
    {
        RuleValidationResult result = RuleValidator.Validate(TestInput.Rule(json));

        Assert.False(result.IsValid, caseName);
        TestInput.AssertError(result.Error, status, type, message, field);
    }

    [Fact]
    public void Ipv6_only_protocols_are_refused_under_ipv4_by_name_and_number()
    {
        string[] protocols =
        [
            "ipv6-encap", "ipv6-frag", "ipv6-icmp", "icmpv6", "ipv6-nonxt", "ipv6-opts", "ipv6-route",
            "41", "44", "58", "59", "60", "43",
        ];
        foreach (string protocol in protocols)
        {
            RuleValidationResult result = RuleValidator.Validate(TestInput.Rule($$"""{"protocol":"{{protocol}}"}"""));
            TestInput.AssertError(result.Error, 400, "SecurityGroupEthertypeConflictWithProtocol",
                $"Invalid ethertype IPv4 for protocol {protocol}.", "ethertype");

            Assert.True(RuleValidator.Validate(TestInput.Rule($$"""{"ethertype":"IPv6","protocol":"{{protocol}}"}""")).IsValid, protocol);
        }
    }

    [Fact]
    public void Stage_a_does_not_run_semantic_checks()
    {
        RuleValidationResult result = RuleValidator.ValidateAttributes(
            TestInput.Rule("""{"protocol":"tcp","port_range_min":100,"port_range_max":90,"remote_ip_prefix":"::/0"}"""));

        Assert.True(result.IsValid);
        Assert.Equal(100, result.Rule.PortRangeMin);
        Assert.Equal("::/0", result.Rule.RemoteIpPrefix);
    }
}
