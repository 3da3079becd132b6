using SecGroupAdmin.Web.Quotas;

namespace SecGroupAdmin.Web.Operator;

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
