using SecGroupAdmin.Web.Quotas;

namespace SecGroupAdmin.Web.Operator;

/// <summary>The operator dashboard: every tenant's footprint and risk, and the change rate from the audit log.</summary>
/// <param name="Tenants">Every tenant's footprint.</param>
/// <param name="Days">The days of the chart, oldest first (UTC dates), ending today.</param>
/// <param name="ChangesPerDay">Audit entries per day across all tenants, aligned with <paramref name="Days"/>.</param>
/// <param name="ChangesPerDayByTenant">Audit entries per day for each tenant id (tenants without changes are left out).</param>
/// <param name="RiskyRules">The risky rules themselves (at most 50, riskiest tenants first), for the list under the table.</param>
public sealed record OperatorOverview(
    IReadOnlyList<TenantFootprint> Tenants,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<int> ChangesPerDay,
    IReadOnlyDictionary<string, int[]> ChangesPerDayByTenant,
    IReadOnlyList<RiskyRule> RiskyRules)
{
    public int TotalGroups => Tenants.Sum(t => t.Groups);
    public int TotalRules => Tenants.Sum(t => t.Rules);
    public int TotalPorts => Tenants.Sum(t => t.Ports);
    public int TotalRisky => Tenants.Sum(t => t.RiskyRules);
    public int TotalChanges => ChangesPerDay.Sum();
}

/// <summary>One tenant: what it owns, its quotas and use, its exposed rules and its changes over the period.</summary>
public sealed record TenantFootprint(
    string Id,
    string Name,
    int Groups,
    int Rules,
    int Ports,
    QuotaSet Quota,
    QuotaSet Usage,
    int RiskyRules,
    int Changes);

/// <summary>An exposed rule (<see cref="SecGroupAdmin.Domain.Rules.RuleExposure"/>); <c>Reason</c> is the verdict's text, e.g. "all ports from anywhere".</summary>
public sealed record RiskyRule(
    string RuleId,
    string TenantId,
    string TenantName,
    string GroupId,
    string GroupName,
    string Text,
    string Reason);
