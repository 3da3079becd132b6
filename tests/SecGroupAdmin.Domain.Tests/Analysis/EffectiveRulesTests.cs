using SecGroupAdmin.Domain.Analysis;
using static SecGroupAdmin.Domain.Tests.Analysis.AnalysisFixtures;

namespace SecGroupAdmin.Domain.Tests.Analysis;

/// <summary>The effective rules of a port: union, expansion, tracing, port security off.</summary>
public class EffectiveRulesTests
{
    [Fact]
    public void Identical_lines_from_several_groups_are_one_line_traced_to_each_rule()
    {
        var model = new AnalysisModel(
            [In("a-ssh", "a", "tcp", 22, 22, "10.0.0.0/8"), In("b-ssh", "b", "6", 22, 22, "10.1.2.3/8"), Out("b-out", "b")],
            [Port("p", ["a", "b"], "10.0.0.1")]);
        EffectiveRuleSet set = EffectiveRules.Of(model, "p")!;
        Assert.False(set.AllowsEverything);
        Assert.Equal(2, set.Rules.Count);
        EffectiveRule ssh = set.Rules[0];
        Assert.Equal(("ingress", "IPv4", "tcp", 22, 22, "10.0.0.0/8"), (ssh.Direction, ssh.Ethertype, ssh.Protocol, ssh.PortRangeMin, ssh.PortRangeMax, ssh.Remote));
        Assert.Equal([new EffectiveRuleSource("a-ssh", "a", null), new EffectiveRuleSource("b-ssh", "b", null)], ssh.Sources);
        Assert.Equal("ALLOW IPv4 22/tcp from 10.0.0.0/8", ssh.Text);
        EffectiveRule egress = set.Rules[1];
        Assert.Equal(("egress", null, "0.0.0.0/0"), (egress.Direction, egress.Protocol, egress.Remote));
    }

    [Fact]
    public void Remote_groups_become_one_line_per_member_address_of_the_rule_ethertype()
    {
        var model = new AnalysisModel([In("from-app", "db", "tcp", 5432, 5432, remoteGroup: "app")],
            [Port("db-1", ["db"], "10.0.1.1"), Port("app-1", ["app"], "10.0.0.11", "2001:db8::11"), Port("app-2", ["app"], "10.0.0.12")]);
        EffectiveRuleSet set = EffectiveRules.Of(model, "db-1")!;
        Assert.Equal(["10.0.0.11/32", "10.0.0.12/32"], set.Rules.Select(r => r.Remote));
        Assert.All(set.Rules, r => Assert.Equal([new EffectiveRuleSource("from-app", "db", "remote group app")], r.Sources));
    }

    [Fact]
    public void Address_groups_become_their_networks_of_the_rule_ethertype()
    {
        var model = new AnalysisModel([In("office", "g", "tcp", 443, 443, addressGroup: "ag", ethertype: "IPv6")],
            [Port("p", ["g"], "10.0.0.1")], [new AnalysisAddressGroup("ag", ["192.0.2.0/24", "2001:db8:1::9/48"])]);
        EffectiveRule line = Assert.Single(EffectiveRules.Of(model, "p")!.Rules);
        Assert.Equal(("IPv6", "2001:db8:1::/48", "address group ag"), (line.Ethertype, line.Remote, line.Sources[0].Via));
    }

    [Fact]
    public void Protocol_aliases_and_the_full_range_read_as_one()
    {
        var model = OnePort(In("num", "g", "58", 128, null, ethertype: "IPv6"), In("name", "g", "icmp", 128, null, ethertype: "IPv6"),
            In("full", "g", "udp", 1, 65535), In("null", "g", "udp"), In("zero", "g", "0"));
        var lines = EffectiveRules.Of(model, "p")!.Rules;
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, l => l.Protocol == "ipv6-icmp" && l.Sources.Count == 2);
        Assert.Contains(lines, l => l.Protocol == "udp" && l.PortRangeMin is null && l.Sources.Count == 2);
        Assert.Contains(lines, l => l.Protocol is null && l.Sources.Single().RuleId == "zero");
    }

    [Fact]
    public void Port_security_off_allows_everything_and_says_so()
    {
        var model = new AnalysisModel([In("a", "g", "tcp")], [new AnalysisPort("p", "p", false, [], ["g"])]);
        EffectiveRuleSet set = EffectiveRules.Of(model, "p")!;
        Assert.True(set.AllowsEverything);
        Assert.Empty(set.Rules);
        Assert.Contains("Port security is off", Assert.Single(set.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_with_an_empty_remote_group_is_noted_and_an_unknown_port_is_null()
    {
        var model = OnePort(In("grp", "g", "tcp", remoteGroup: "empty"));
        EffectiveRuleSet set = EffectiveRules.Of(model, "p")!;
        Assert.Empty(set.Rules);
        Assert.Contains("allows nothing now", Assert.Single(set.Notes), StringComparison.Ordinal);
        Assert.Null(EffectiveRules.Of(model, "nope"));
    }
}
