using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Web.Auth;

/// <summary>The tenant a page shows, and who is looking at it.</summary>
public sealed record TenantContext(Tenant Tenant, Caller Caller)
{
    public bool CanWrite => Caller.CanWrite(Tenant.Id);
    public bool IsTenantAdmin => Caller.IsCloudAdmin || (Caller.TenantId == Tenant.Id && Caller.TenantRole == TenantRoles.Admin);
}
