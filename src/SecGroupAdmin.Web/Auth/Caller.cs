using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// Who is asking, acting in which tenant (Neutron's token project) with which role there, plus global roles.
/// Every service operation takes one; the service decides from it, never the page or the endpoint.
/// </summary>
public sealed record Caller(
    string UserId,
    string UserName,
    string TenantId,
    string? TenantRole,
    bool IsCloudAdmin,
    bool IsAuditor,
    ChangeSource Source,
    string? RequestId = null)
{
    /// <summary>Neutron's "admin": acts on every tenant.</summary>
    public bool IsAdmin => IsCloudAdmin;

    /// <summary>May read this tenant's groups, rules and ports.</summary>
    public bool CanRead(string tenantId) =>
        IsCloudAdmin || IsAuditor || (tenantId == TenantId && TenantRole is not null);

    /// <summary>May change this tenant's groups, rules and ports.</summary>
    public bool CanWrite(string tenantId) =>
        IsCloudAdmin || (tenantId == TenantId && TenantRoles.CanWrite(TenantRole));

    /// <summary>May cause the tenant's default group to be created (Neutron's bug-1987410 guard); auditors never write.</summary>
    public bool MayCreateDefaultGroupFor(string tenantId) =>
        IsCloudAdmin || (tenantId == TenantId && TenantRole is not null);
}
