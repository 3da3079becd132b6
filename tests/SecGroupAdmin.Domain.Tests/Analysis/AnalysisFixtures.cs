using SecGroupAdmin.Domain.Analysis;

namespace SecGroupAdmin.Domain.Tests.Analysis;

/// <summary>Short builders for analysis tests.</summary>
internal static class AnalysisFixtures
{
    public static AnalysisRule In(string id, string group, string? protocol = null, int? min = null, int? max = null,
        string? prefix = null, string? remoteGroup = null, string? addressGroup = null, string ethertype = "IPv4") =>
        AnalysisRule.Of(id, group, "ingress", ethertype, protocol, min, max, prefix, remoteGroup, addressGroup);

    public static AnalysisRule Out(string id, string group, string? protocol = null, int? min = null, int? max = null,
        string? prefix = null, string? remoteGroup = null, string? addressGroup = null, string ethertype = "IPv4") =>
        AnalysisRule.Of(id, group, "egress", ethertype, protocol, min, max, prefix, remoteGroup, addressGroup);

    public static AnalysisPort Port(string id, string[] groups, params string[] ips) => new(id, id, true, ips, groups);

    public static AnalysisModel Model(IEnumerable<AnalysisRule> rules, params AnalysisPort[] ports) => new(rules, ports);

    /// <summary>A model with one port "p" (10.0.0.1, 2001:db8::1) in group "g" holding the rules.</summary>
    public static AnalysisModel OnePort(params AnalysisRule[] rules) =>
        new(rules, [Port("p", ["g"], "10.0.0.1", "2001:db8::1")]);

    public static FlowVerdict Check(AnalysisModel model, string direction = "ingress", string? ethertype = null, string? protocol = null,
        int? port = null, int? type = null, int? code = null, string? remoteIp = null, string? remotePort = null, string portId = "p") =>
        FlowCheck.Check(model, new FlowQuery(portId, direction, ethertype, protocol, port, type, code, remoteIp, remotePort));

    public static string[] Ids(FlowVerdict verdict) => [.. verdict.MatchingRules.Select(r => r.RuleId)];
}
