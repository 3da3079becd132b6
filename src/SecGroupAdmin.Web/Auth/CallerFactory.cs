using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// Builds a <see cref="Caller"/> from the database: the user's role in the tenant and their global roles.
/// Pages, API requests and live subscriptions all use it, so access is always decided from current data.
/// </summary>
public sealed class CallerFactory(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The caller, or null when the user does not exist.</summary>
    public async Task<Caller?> CreateAsync(string userId, string? tenantId, ChangeSource source, string? requestId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName }).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        var globalRoles = await (from ur in db.UserRoles
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where ur.UserId == userId
                                 select r.Name).ToListAsync(ct);
        string? role = null;
        if (!string.IsNullOrEmpty(tenantId))
        {
            role = await db.Memberships.AsNoTracking()
                .Where(m => m.UserId == userId && m.TenantId == tenantId)
                .Select(m => m.Role).FirstOrDefaultAsync(ct);
        }
        return new Caller(
            user.Id,
            user.UserName ?? user.Id,
            tenantId ?? "",
            role,
            globalRoles.Contains(TenantRoles.CloudAdmin),
            globalRoles.Contains(TenantRoles.Auditor),
            source,
            requestId);
    }
}
