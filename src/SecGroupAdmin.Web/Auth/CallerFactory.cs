using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Rbac;

namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// Builds a <see cref="Caller"/> from the database: the user's role in the tenant and their global roles.
/// Pages, API requests and live subscriptions all use it, so access is always decided from current data: an
/// admin-locked user (<see cref="Data.Identity.ApplicationUser.AdminLockedAt"/>) gets no caller, whichever way they
/// came in. A lockout after failed sign-ins (Identity's LockoutEnd alone) does not count here.
/// </summary>
public sealed class CallerFactory(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The caller, or null when the user does not exist or is admin-locked. One round trip: the user, their global roles, their tenant role and whether anything is shared with the tenant.</summary>
    public async Task<Caller?> CreateAsync(string userId, string? tenantId, ChangeSource source, string? requestId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenant = tenantId ?? "";
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.AdminLockedAt == null)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                IsCloudAdmin = db.UserRoles.Any(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == TenantRoles.CloudAdmin)),
                IsAuditor = db.UserRoles.Any(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == TenantRoles.Auditor)),
                Role = db.Memberships.Where(m => m.UserId == userId && m.TenantId == tenant).Select(m => m.Role).FirstOrDefault(),
                ReceivesShares = tenant != "" && db.RbacPolicies.Any(p => p.TargetTenant == tenant || p.TargetTenant == RbacObjectTypes.Everyone),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        return new Caller(
            row.Id,
            row.UserName ?? row.Id,
            tenant,
            string.IsNullOrEmpty(tenantId) ? null : row.Role,
            row.IsCloudAdmin,
            row.IsAuditor,
            source,
            requestId)
        {
            ReceivesShares = row.ReceivesShares,
        };
    }
}
