namespace SecGroupAdmin.Web.Operator;

/// <summary>An exposed rule (<see cref="SecGroupAdmin.Domain.Rules.RuleExposure"/>); <c>Reason</c> is the verdict's text, e.g. "all ports from anywhere".</summary>
public sealed record RiskyRule(
    string RuleId,
    string TenantId,
    string TenantName,
    string GroupId,
    string GroupName,
    string Text,
    string Reason);
