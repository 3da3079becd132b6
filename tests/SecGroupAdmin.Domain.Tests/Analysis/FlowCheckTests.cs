using SecGroupAdmin.Domain.Analysis;
using static SecGroupAdmin.Domain.Tests.Analysis.AnalysisFixtures;

namespace SecGroupAdmin.Domain.Tests.Analysis;

/// <summary>What-if on the tricky parts of Neutron's semantics: every case asserts allowed and the matching rules.</summary>
public class FlowCheckTests
{
    [Theory]
    [InlineData("tcp", "tcp")]
    [InlineData("tcp", "6")]
    [InlineData("tcp", "TCP")]
    [InlineData("6", "tcp")]
    [InlineData("17", "udp")]
    [InlineData("udp", "17")]
    [InlineData("132", "sctp")]
    public void Protocol_names_and_numbers_are_the_same_protocol(string ruleProtocol, string flowProtocol)
    {
        var model = OnePort(In("r", "g", ruleProtocol, 80, 80));
        FlowVerdict verdict = Check(model, protocol: flowProtocol, port: 80, remoteIp: "192.0.2.1");
        Assert.True(verdict.Allowed, verdict.Reason);
        Assert.Equal(["r"], Ids(verdict));
    }

    [Theory]
    [InlineData("icmp", "ipv6-icmp")]
    [InlineData("icmp", "icmpv6")]
    [InlineData("icmp", "58")]
    [InlineData("icmp", "icmp")]
    [InlineData("1", "ipv6-icmp")]
    [InlineData("icmpv6", "ipv6-icmp")]
    [InlineData("ipv6-icmp", "icmp")]
    [InlineData("58", "1")]
    public void Under_IPv6_every_ICMP_spelling_is_ipv6_icmp(string ruleProtocol, string flowProtocol)
    {
        var model = OnePort(In("r", "g", ruleProtocol, 128, null, ethertype: "IPv6"));
        FlowVerdict verdict = Check(model, ethertype: "IPv6", protocol: flowProtocol, type: 128, code: 0, remoteIp: "2001:db8::9");
        Assert.True(verdict.Allowed, verdict.Reason);
        Assert.Equal(["r"], Ids(verdict));
    }

    [Fact]
    public void An_IPv4_icmp_rule_does_not_allow_IPv6_ICMP()
    {
        var model = OnePort(In("r", "g", "icmp"));
        Assert.True(Check(model, ethertype: "IPv4", protocol: "icmp", type: 8, remoteIp: "192.0.2.1").Allowed);
        FlowVerdict verdict = Check(model, ethertype: "IPv6", protocol: "ipv6-icmp", type: 128, remoteIp: "2001:db8::9");
        Assert.False(verdict.Allowed);
        Assert.Empty(verdict.MatchingRules);
        Assert.Contains("Denied", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("any")]
    [InlineData("0")]
    [InlineData("ip")]
    [InlineData("hopopt")]
    public void All_protocol_rules_allow_every_protocol_and_port(string? ruleProtocol)
    {
        var model = OnePort(In("r", "g", ruleProtocol));
        foreach (var (protocol, port, type) in new (string, int?, int?)[] { ("tcp", 22, null), ("udp", 53, null), ("gre", null, null), ("icmp", null, 8), ("any", null, null) })
        {
            FlowVerdict verdict = Check(model, protocol: protocol, port: port, type: type, remoteIp: "198.51.100.7");
            Assert.True(verdict.Allowed, protocol + ": " + verdict.Reason);
            Assert.Equal(["r"], Ids(verdict));
        }
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    [InlineData(65535, false)]
    public void A_port_range_is_inclusive(int port, bool allowed)
    {
        var model = OnePort(In("r", "g", "tcp", 1, 100));
        Assert.Equal(allowed, Check(model, protocol: "tcp", port: port, remoteIp: "192.0.2.1").Allowed);
    }

    [Fact]
    public void A_null_range_allows_every_port_but_only_of_its_protocol()
    {
        var model = OnePort(In("r", "g", "tcp"));
        Assert.True(Check(model, protocol: "tcp", port: 1, remoteIp: "192.0.2.1").Allowed);
        Assert.True(Check(model, protocol: "tcp", port: 65535, remoteIp: "192.0.2.1").Allowed);
        Assert.True(Check(model, protocol: "tcp", remoteIp: "192.0.2.1").Allowed);
        Assert.False(Check(model, protocol: "udp", port: 53, remoteIp: "192.0.2.1").Allowed);
    }

    [Fact]
    public void A_flow_without_a_port_is_allowed_only_when_every_port_is_even_by_a_union()
    {
        var split = OnePort(In("a", "g", "tcp", 1, 100), In("b", "g", "tcp", 101, 65535));
        FlowVerdict verdict = Check(split, protocol: "tcp", remoteIp: "192.0.2.1");
        Assert.True(verdict.Allowed, verdict.Reason);
        Assert.Equal(["a", "b"], Ids(verdict));

        var gap = OnePort(In("a", "g", "tcp", 1, 100), In("b", "g", "tcp", 102, 65535));
        FlowVerdict partly = Check(gap, protocol: "tcp", remoteIp: "192.0.2.1");
        Assert.False(partly.Allowed);
        Assert.Equal(["a", "b"], Ids(partly));
        Assert.Contains("tcp/101", partly.Reason, StringComparison.Ordinal);
    }

    [Theory]
    // rule type, rule code, flow type, flow code, allowed
    [InlineData(null, null, 8, 0, true)]
    [InlineData(null, null, 0, null, true)]
    [InlineData(8, null, 8, 0, true)]
    [InlineData(8, null, 8, 7, true)]
    [InlineData(8, null, 8, null, true)]
    [InlineData(8, null, 0, 0, false)]
    [InlineData(8, 0, 8, 0, true)]
    [InlineData(8, 0, 8, 1, false)]
    [InlineData(8, 0, 8, null, false)]
    [InlineData(0, 0, 0, 0, true)]
    public void ICMP_type_and_code_wildcards(int? ruleType, int? ruleCode, int? type, int? code, bool allowed)
    {
        var model = OnePort(In("r", "g", "icmp", ruleType, ruleCode));
        FlowVerdict verdict = Check(model, protocol: "icmp", type: type, code: code, remoteIp: "192.0.2.1");
        Assert.Equal(allowed, verdict.Allowed);
    }

    [Theory]
    [InlineData("10.0.0.34/24", "10.0.0.200", true)]
    [InlineData("10.0.0.34/24", "10.0.1.1", false)]
    [InlineData("10.0.0.34/32", "10.0.0.34", true)]
    [InlineData("10.0.0.34", "10.0.0.34", true)]
    [InlineData("10.0.0.34", "10.0.0.35", false)]
    [InlineData("10.1.2.3/0", "198.51.100.1", true)]
    [InlineData("0.0.0.0/0", "198.51.100.1", true)]
    public void Prefixes_mean_their_network_host_bits_ignored(string prefix, string remote, bool allowed)
    {
        var model = OnePort(In("r", "g", "tcp", 22, 22, prefix));
        Assert.Equal(allowed, Check(model, protocol: "tcp", port: 22, remoteIp: remote).Allowed);
    }

    [Fact]
    public void IPv6_prefixes_and_ethertypes()
    {
        var model = OnePort(In("v6", "g", "tcp", 443, 443, "2001:db8::/32", ethertype: "IPv6"), In("v4", "g", "tcp", 443, 443));
        Assert.Equal(["v6"], Ids(Check(model, protocol: "tcp", port: 443, remoteIp: "2001:db8:ffff::1")));
        Assert.False(Check(model, protocol: "tcp", port: 443, remoteIp: "2001:db9::1").Allowed);
        Assert.Equal(["v4"], Ids(Check(model, protocol: "tcp", port: 443, remoteIp: "203.0.113.1")));
        // No rule for IPv6 from anywhere: an IPv4 rule without remote only allows IPv4.
        Assert.False(Check(model, ethertype: "IPv6", protocol: "tcp", port: 443).Allowed);
    }

    [Fact]
    public void Remote_groups_mean_the_addresses_of_their_ports_of_the_rule_ethertype_only()
    {
        AnalysisRule[] rules = [In("ssh", "web", "tcp", 22, 22, remoteGroup: "bastion")];
        AnalysisPort[] ports =
        [
            Port("web-1", ["web"], "10.0.0.10"),
            Port("jump", ["bastion"], "10.0.9.9", "2001:db8::9"),
            Port("other", ["misc"], "10.0.7.7"),
        ];
        var model = new AnalysisModel(rules, ports);
        Assert.Equal(["ssh"], Ids(Check(model, protocol: "tcp", port: 22, remoteIp: "10.0.9.9", portId: "web-1")));
        Assert.False(Check(model, protocol: "tcp", port: 22, remoteIp: "10.0.7.7", portId: "web-1").Allowed);
        Assert.False(Check(model, ethertype: "IPv6", protocol: "tcp", port: 22, remoteIp: "2001:db8::9", portId: "web-1").Allowed);
        Assert.True(Check(model, protocol: "tcp", port: 22, remotePort: "jump", portId: "web-1").Allowed);

        // "other" joins the bastion group: now it may connect.
        AnalysisModel after = model.Apply(new DraftChange { AttachedGroups = [new PortGroupLink("other", "bastion")] });
        Assert.True(Check(after, protocol: "tcp", port: 22, remoteIp: "10.0.7.7", portId: "web-1").Allowed);
    }

    [Fact]
    public void A_remote_group_of_the_port_itself_allows_its_own_members_and_itself()
    {
        var model = new AnalysisModel([In("self", "g", remoteGroup: "g")],
            [Port("a", ["g"], "10.0.0.1"), Port("b", ["g"], "10.0.0.2"), Port("c", ["h"], "10.0.0.3")]);
        Assert.True(Check(model, protocol: "udp", port: 5000, remotePort: "b", portId: "a").Allowed);
        Assert.True(Check(model, protocol: "udp", port: 5000, remoteIp: "10.0.0.1", portId: "a").Allowed);
        Assert.False(Check(model, protocol: "udp", port: 5000, remotePort: "c", portId: "a").Allowed);
    }

    [Fact]
    public void Address_groups_mean_their_CIDRs_of_the_rule_ethertype()
    {
        var model = new AnalysisModel(
            [In("ag4", "g", "tcp", 80, 80, addressGroup: "office"), In("ag6", "g", "tcp", 80, 80, addressGroup: "office", ethertype: "IPv6"),
             In("none", "g", "tcp", 81, 81, addressGroup: "missing")],
            [Port("p", ["g"], "10.0.0.1")],
            [new AnalysisAddressGroup("office", ["192.0.2.77/24", "2001:db8:1::/48"])]);
        Assert.Equal(["ag4"], Ids(Check(model, protocol: "tcp", port: 80, remoteIp: "192.0.2.1")));
        Assert.False(Check(model, protocol: "tcp", port: 80, remoteIp: "192.0.3.1").Allowed);
        Assert.Equal(["ag6"], Ids(Check(model, protocol: "tcp", port: 80, remoteIp: "2001:db8:1::5")));
        Assert.False(Check(model, protocol: "tcp", port: 81, remoteIp: "192.0.2.1").Allowed);
    }

    [Fact]
    public void Port_security_off_allows_everything_and_says_so()
    {
        var model = new AnalysisModel([], [new AnalysisPort("p", "open-1", false, ["10.0.0.1"], [])]);
        FlowVerdict verdict = Check(model, protocol: "tcp", port: 3306, remoteIp: "198.51.100.1");
        Assert.True(verdict.Allowed);
        Assert.Empty(verdict.MatchingRules);
        Assert.Contains("port security is off on open-1", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_without_groups_allows_nothing()
    {
        var model = new AnalysisModel([], [Port("p", [], "10.0.0.1")]);
        FlowVerdict verdict = Check(model, protocol: "tcp", port: 22, remoteIp: "10.0.0.2");
        Assert.False(verdict.Allowed);
        Assert.Contains("no security group", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_matching_rule_is_listed_in_the_order_of_the_groups_and_rules()
    {
        var model = new AnalysisModel(
            [In("a1", "a", "tcp", 1, 1000), In("a2", "a", "udp"), In("b1", "b"), In("b2", "b", "tcp", 22, 22, "10.0.0.0/8"), In("b3", "b", "tcp", 23, 23)],
            [Port("p", ["b", "a"], "10.0.0.1")]);
        FlowVerdict verdict = Check(model, protocol: "tcp", port: 22, remoteIp: "10.1.1.1");
        Assert.True(verdict.Allowed);
        Assert.Equal(["b1", "b2", "a1"], Ids(verdict));
        Assert.Equal([new RuleRef("b1", "b"), new RuleRef("b2", "b"), new RuleRef("a1", "a")], verdict.MatchingRules);
        Assert.Contains("matches 3 rules", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Direction_is_respected()
    {
        var model = OnePort(Out("out", "g", "tcp", 443, 443));
        Assert.True(Check(model, direction: "egress", protocol: "tcp", port: 443, remoteIp: "203.0.113.1").Allowed);
        Assert.False(Check(model, direction: "ingress", protocol: "tcp", port: 443, remoteIp: "203.0.113.1").Allowed);
    }

    [Fact]
    public void Protocol_any_in_a_flow_asks_for_every_protocol()
    {
        var tcpOnly = OnePort(In("t", "g", "tcp"));
        FlowVerdict partly = Check(tcpOnly, protocol: "any", remoteIp: "192.0.2.1");
        Assert.False(partly.Allowed);
        Assert.Equal(["t"], Ids(partly));
        Assert.True(Check(OnePort(In("all", "g")), protocol: null, remoteIp: "192.0.2.1").Allowed);
    }

    [Fact]
    public void A_remote_port_is_allowed_only_when_all_its_addresses_are()
    {
        var model = new AnalysisModel([In("r", "g", "tcp", 22, 22, "10.0.0.0/24")],
            [Port("p", ["g"], "10.0.0.1"), Port("two", ["x"], "10.0.0.5", "10.0.1.5")]);
        FlowVerdict verdict = Check(model, protocol: "tcp", port: 22, remotePort: "two");
        Assert.False(verdict.Allowed);
        Assert.Equal(["r"], Ids(verdict));
        Assert.Contains("10.0.1.5", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", "ingress", null, null, null, null, null, "port_id")]
    [InlineData("p", "sideways", "tcp", null, null, null, null, "direction")]
    [InlineData("p", "ingress", "bogus", null, null, null, null, "protocol")]
    [InlineData("p", "ingress", "256", null, null, null, null, "protocol")]
    [InlineData("p", "ingress", "icmp", 22, null, null, null, "port")]
    [InlineData("p", "ingress", "tcp", 0, null, null, null, "port")]
    [InlineData("p", "ingress", "tcp", null, 8, null, null, "icmp_type")]
    [InlineData("p", "ingress", "icmp", null, null, 0, null, "icmp_code")]
    [InlineData("p", "ingress", "icmp", null, 256, null, null, "icmp_type")]
    [InlineData("p", "ingress", "tcp", 22, null, null, "10.0.0.0/24", "remote_ip")]
    [InlineData("p", "ingress", "tcp", 22, null, null, "not-an-ip", "remote_ip")]
    public void Wrong_questions_name_the_field(string portId, string direction, string? protocol, int? port, int? type, int? code, string? remoteIp, string field)
    {
        FlowVerdict verdict = Check(OnePort(In("r", "g")), direction, null, protocol, port, type, code, remoteIp, portId: portId);
        Assert.False(verdict.IsValid);
        Assert.False(verdict.Allowed);
        Assert.Equal(field, verdict.InvalidField);
    }

    [Fact]
    public void A_missing_port_id_is_a_wrong_question_not_an_exception()
    {
        var model = OnePort(In("r", "g"));
        Assert.Equal("port_id", FlowCheck.Check(model, new FlowQuery(null!, "ingress")).InvalidField);
        Assert.Null(EffectiveRules.Of(model, null!));
        Assert.Empty(RuleFindings.ForPort(model, null!));
    }

    [Fact]
    public void The_ethertype_must_match_the_remote_address()
    {
        FlowVerdict verdict = Check(OnePort(In("r", "g")), ethertype: "IPv6", protocol: "tcp", port: 22, remoteIp: "10.0.0.9");
        Assert.Equal("remote_ip", verdict.InvalidField);
        Assert.True(Check(OnePort(In("r", "g", ethertype: "IPv6")), protocol: "tcp", port: 22, remoteIp: "2001:db8::9").Allowed);
    }
}
