using SecGroupAdmin.Domain.Analysis;
using static SecGroupAdmin.Domain.Tests.Analysis.AnalysisFixtures;

namespace SecGroupAdmin.Domain.Tests.Analysis;

/// <summary>Redundant and exposed rules: the examples of the issue, the proof, and mutual redundancy.</summary>
public class RuleFindingsTests
{
    private static List<Finding> Redundant(params AnalysisRule[] rules) =>
        [.. RuleFindings.ForGroup(OnePort(rules), "g").Where(f => f.Kind == FindingKind.Redundant)];

    [Fact]
    public void Two_25s_cover_a_24()
    {
        List<Finding> findings = Redundant(
            In("low", "g", "tcp", 443, 443, "10.0.0.0/25"), In("high", "g", "tcp", 443, 443, "10.0.0.128/25"),
            In("all", "g", "tcp", 443, 443, "10.0.0.0/24"));
        Finding finding = Assert.Single(findings);
        Assert.Equal("all", finding.RuleId);
        Assert.Equal(["low", "high"], finding.CoveredBy);
        Assert.Contains("union of rules low, high", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_ranges_cover_a_range_across_their_boundary()
    {
        Finding finding = Assert.Single(Redundant(
            In("a", "g", "tcp", 1, 100), In("b", "g", "tcp", 101, 200), In("mid", "g", "tcp", 50, 150)));
        Assert.Equal("mid", finding.RuleId);
        Assert.Equal(["a", "b"], finding.CoveredBy);
    }

    [Fact]
    public void A_gap_in_the_union_is_not_redundant()
    {
        Assert.Empty(Redundant(In("a", "g", "tcp", 1, 100), In("b", "g", "tcp", 102, 200), In("mid", "g", "tcp", 50, 150)));
    }

    [Fact]
    public void A_null_range_covers_any_range_and_any_protocol_covers_tcp()
    {
        Finding byRange = Assert.Single(Redundant(In("all", "g", "tcp"), In("ssh", "g", "tcp", 22, 22)));
        Assert.Equal("ssh", byRange.RuleId);
        Assert.Equal(["all"], byRange.CoveredBy);
        Assert.Contains("already allowed by rule all", byRange.Reason, StringComparison.Ordinal);

        Finding byProtocol = Assert.Single(Redundant(In("ssh", "g", "tcp", 22, 22, "10.0.0.0/8"), In("any", "g", null, null, null, "10.0.0.0/8")));
        Assert.Equal("ssh", byProtocol.RuleId);
        Assert.Equal(["any"], byProtocol.CoveredBy);
    }

    [Fact]
    public void The_proof_is_trimmed_to_the_rules_actually_needed()
    {
        // t is checked first: a, b and c all meet it, but a and c alone cover it. Then b is covered by a and c too.
        List<Finding> findings = Redundant(
            In("a", "g", "tcp", 1, 60), In("b", "g", "tcp", 40, 100), In("c", "g", "tcp", 55, 200), In("t", "g", "tcp", 50, 150));
        Assert.Equal(["b", "t"], findings.Select(f => f.RuleId));
        Assert.All(findings, f => Assert.Equal(["a", "c"], f.CoveredBy));
    }

    [Fact]
    public void Of_two_identical_rules_only_the_later_one_is_reported()
    {
        Finding finding = Assert.Single(Redundant(In("first", "g", "udp", 53, 53), In("second", "g", "17", 53, 53)));
        Assert.Equal("second", finding.RuleId);
        Assert.Equal(["first"], finding.CoveredBy);
    }

    [Fact]
    public void Host_bits_and_aliases_do_not_hide_redundancy()
    {
        Finding finding = Assert.Single(Redundant(In("net", "g", "icmp", 8, null, "10.0.0.0/24"), In("host", "g", "1", 8, 0, "10.0.0.77/24")));
        Assert.Equal("host", finding.RuleId);
    }

    [Fact]
    public void Different_ethertypes_and_directions_never_cover_each_other()
    {
        Assert.Empty(Redundant(In("v4", "g", "tcp"), In("v6", "g", "tcp", ethertype: "IPv6"), Out("out", "g", "tcp")));
    }

    [Fact]
    public void A_remote_group_rule_is_covered_only_by_the_same_group_or_anywhere_whatever_the_members()
    {
        AnalysisRule[] rules = [In("cidr", "g", "tcp", 22, 22, "10.0.0.0/8"), In("grp", "g", "tcp", 22, 22, remoteGroup: "bastion")];
        var model = new AnalysisModel(rules, [Port("p", ["g"], "10.0.0.1"), Port("b", ["bastion"], "10.9.9.9")]);
        Assert.DoesNotContain(RuleFindings.ForGroup(model, "g"), f => f.Kind == FindingKind.Redundant);

        // As of now, bastion's only member is inside 10.0.0.0/8.
        Finding now = Assert.Single(RuleFindings.ForGroup(model, "g", RemoteExpansion.CurrentMembers), f => f.Kind == FindingKind.Redundant);
        Assert.Equal("grp", now.RuleId);
        Assert.Equal(["cidr"], now.CoveredBy);

        var anywhere = new AnalysisModel([.. rules, In("any", "g", "tcp", 22, 22)], model.Ports);
        Assert.Equal(["cidr", "grp"], RuleFindings.ForGroup(anywhere, "g").Where(f => f.Kind == FindingKind.Redundant).Select(f => f.RuleId).Order());
    }

    [Fact]
    public void A_rule_whose_remote_group_is_empty_allows_nothing_now()
    {
        var model = new AnalysisModel([In("grp", "g", "tcp", 22, 22, remoteGroup: "nobody")], [Port("p", ["g"], "10.0.0.1")]);
        Finding finding = Assert.Single(RuleFindings.ForPort(model, "p"));
        Assert.Equal(FindingKind.Redundant, finding.Kind);
        Assert.Empty(finding.CoveredBy);
        Assert.Contains("allows nothing", finding.Reason, StringComparison.Ordinal);
        Assert.Empty(RuleFindings.ForGroup(model, "g"));
    }

    [Fact]
    public void For_a_port_rules_of_one_group_cover_rules_of_another()
    {
        var model = new AnalysisModel([In("web", "a", "tcp", 80, 80), In("wide", "b", "tcp", 1, 1024)], [Port("p", ["a", "b"], "10.0.0.1")]);
        Assert.Empty(RuleFindings.ForGroup(model, "a"));
        Finding finding = Assert.Single(RuleFindings.ForPort(model, "p"), f => f.Kind == FindingKind.Redundant);
        Assert.Equal("web", finding.RuleId);
        Assert.Equal(["wide"], finding.CoveredBy);
        Assert.Contains("the port's groups", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_with_port_security_off_has_no_findings()
    {
        var model = new AnalysisModel([In("a", "g", "tcp"), In("b", "g", "tcp", 22, 22)], [new AnalysisPort("p", "p", false, [], ["g"])]);
        Assert.Empty(RuleFindings.ForPort(model, "p"));
    }

    [Fact]
    public void Exposed_rules_use_the_domain_verdict()
    {
        var model = OnePort(In("ssh", "g", "tcp", 22, 22, "0.0.0.0/0"), In("web", "g", "tcp", 443, 443), In("inner", "g", "tcp", 22, 22, "10.0.0.0/8"));
        Finding finding = Assert.Single(RuleFindings.ForGroup(model, "g"), f => f.Kind == FindingKind.Exposed);
        Assert.Equal(("ssh", "exposed"), (finding.RuleId, finding.KindText));
        Assert.Contains("sensitive port 22 (SSH) to the whole internet", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_can_be_both_redundant_and_exposed()
    {
        var model = OnePort(In("all", "g"), In("ssh", "g", "tcp", 22, 22));
        var findings = RuleFindings.ForGroup(model, "g");
        Assert.Equal([("all", FindingKind.Exposed), ("ssh", FindingKind.Redundant), ("ssh", FindingKind.Exposed)],
            findings.Select(f => (f.RuleId, f.Kind)));
    }
}
