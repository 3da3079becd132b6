namespace SecGroupAdmin.Web.Quotas;

/// <summary>A tenant's limits; -1 means unlimited.</summary>
public sealed record QuotaSet(int SecurityGroups, int SecurityGroupRules);
