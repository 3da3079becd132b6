using SecGroupAdmin.Web.Quotas;

namespace SecGroupAdmin.Web.Tenancy;

/// <summary>One tenant on the operator's tenants page: its counts and quotas.</summary>
public sealed record TenantOverview(string Id, string Name, int MemberCount, int GroupCount, int PortCount, QuotaSet Quota, DateTime CreatedAt);
