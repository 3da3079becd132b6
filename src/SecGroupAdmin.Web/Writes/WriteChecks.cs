using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Writes;

/// <summary>Checks that the writes of groups, rules and ports share: the owning project, that it exists, the expected revision.</summary>
public static class WriteChecks
{
    /// <summary>The "project_id other than yours" rule of Neutron's API layer: the caller's tenant unless a CloudAdmin names another.</summary>
    public static string ResolveProject(Caller caller, string? projectId)
    {
        if (string.IsNullOrEmpty(projectId) || projectId == caller.TenantId)
        {
            return caller.TenantId;
        }
        if (!caller.IsAdmin)
        {
            throw new NeutronException(NeutronErrors.BadRequest(
                "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin or advsvc privileges",
                "project_id"));
        }
        return projectId;
    }

    /// <summary>400 when the project does not exist.</summary>
    public static async Task EnsureTenantExistsAsync(AppDbContext db, string tenantId, CancellationToken ct)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            throw new NeutronException(NeutronErrors.InvalidInputFor("project_id", $"project {tenantId} does not exist"));
        }
    }

    /// <summary>412 when the caller expected another revision (no expectation: no check).</summary>
    public static void CheckRevision(long? expected, long actual)
    {
        if (expected is long e && e != actual)
        {
            throw new NeutronException(NeutronErrors.RevisionMismatch(e, actual));
        }
    }
}
