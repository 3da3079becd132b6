using SecGroupAdmin.Web.Services;

namespace SecGroupAdmin.Web.Tenancy;

/// <summary>One member of a tenant, as the people page lists them.</summary>
public sealed record MemberView(string UserId, string Email, string? DisplayName, string Role, DateTime Since);

/// <summary>One tenant on the operator's tenants page: its counts and quotas.</summary>
public sealed record TenantOverview(string Id, string Name, int MemberCount, int GroupCount, int PortCount, QuotaSet Quota, DateTime CreatedAt);

/// <summary>One user on the operator's users list: global roles, lock state and memberships ("tenant:role").</summary>
public sealed record UserOverview(
    string Id,
    string Email,
    string? DisplayName,
    bool IsLocked,
    IReadOnlyList<string> GlobalRoles,
    IReadOnlyList<string> Memberships);
