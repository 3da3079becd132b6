using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Web.Keystone;

/// <summary>
/// The Keystone role names a token carries for the app's roles. Keystone's roles imply each other (admin ⊃ member ⊃
/// reader) and Neutron treats <c>admin</c> as the cloud's admin, so only a CloudAdmin gets <c>admin</c>; a tenant
/// admin is a <c>member</c> (managing members is the app's own right); an Auditor reads everything and is a
/// <c>reader</c>. What a caller may do is still decided by the app, per request.
/// </summary>
public static class KeystoneRoles
{
    public const string Admin = "admin";
    public const string Member = "member";
    public const string Reader = "reader";

    public static IReadOnlyList<string> For(string? tenantRole, bool isCloudAdmin, bool isAuditor)
    {
        if (isCloudAdmin)
        {
            return [Admin, Member, Reader];
        }
        if (TenantRoles.CanWrite(tenantRole))
        {
            return [Member, Reader];
        }
        return tenantRole is not null || isAuditor ? [Reader] : [];
    }
}
