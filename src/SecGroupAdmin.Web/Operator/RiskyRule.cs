namespace SecGroupAdmin.Web.Operator;

/// <summary>An exposed rule (<see cref="SecGroupAdmin.Domain.Rules.RuleExposure"/>); <c>Reason</c> is the verdict's text, e.g. "all ports from anywhere".</summary>
public sealed record RiskyRule(
    string RuleId,
    string TenantId,
    string TenantName,
    string GroupId,
    string GroupName,
    string Text,
    string Reason)
{
    /// <summary>How many ports (port security on) have the rule's group: the ports the rule exposes.</summary>
    public int PortCount { get; init; }

    /// <summary>The first of those ports by name (at most <see cref="OperatorOverviewQuery.PortNamesPerRule"/>).</summary>
    public IReadOnlyList<string> FirstPorts { get; init; } = [];
}
