using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Components.Shared;

/// <summary>
/// What a tenant page draws of its tenant and viewer, kept from the prerendered page (persisted component state) so
/// the circuit draws the same head at once, while it decides again who the user is (UiCallerProvider): buttons act
/// only through that fresh caller, never through this.
/// </summary>
public sealed record TenantHead(string TenantId, string TenantName, string RoleText, bool CanWrite, bool IsAdmin)
{
    public static TenantHead Of(TenantContext context) => new(context.Tenant.Id, context.Tenant.Name, RoleOf(context.Caller),
        context.CanWrite, context.Caller.IsAdmin);

    /// <summary>Whether this head was drawn for the tenant the route names (by name or id).</summary>
    public bool IsFor(string tenantName) => TenantName == tenantName || TenantId == tenantName;

    private static string RoleOf(Caller caller) => caller switch
    {
        { IsCloudAdmin: true } => "a cloud admin",
        { IsAuditor: true, TenantRole: null } => "an auditor (read-only)",
        { TenantRole: var role } => $"{(role == "admin" ? "an" : "a")} {role}",
    };
}
