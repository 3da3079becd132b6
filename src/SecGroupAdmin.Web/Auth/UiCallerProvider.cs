using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;

namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// For pages: the signed-in user as a <see cref="Caller"/> in the tenant named by the URL. Access is decided on
/// the server from current data every time a page loads, never from what the page shows.
/// </summary>
public sealed class UiCallerProvider(AuthenticationStateProvider authentication, CallerFactory callers, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<string?> UserIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirstValue(ClaimTypes.NameIdentifier);
    }

    /// <summary>The caller with no tenant (global roles only), for operator and account pages.</summary>
    public async Task<Caller?> GlobalCallerAsync()
    {
        var userId = await UserIdAsync();
        return userId is null ? null : await callers.CreateAsync(userId, null, ChangeSource.UI);
    }

    /// <summary>The tenant named <paramref name="tenantName"/> (or its id) and the caller there; null when it does not exist or the user may not read it.</summary>
    public async Task<TenantContext?> ForTenantAsync(string tenantName, CancellationToken ct = default)
    {
        var userId = await UserIdAsync();
        if (userId is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Name == tenantName || t.Id == tenantName, ct);
        if (tenant is null)
        {
            return null;
        }
        var caller = await callers.CreateAsync(userId, tenant.Id, ChangeSource.UI, ct: ct);
        return caller is not null && caller.CanRead(tenant.Id) ? new TenantContext(tenant, caller) : null;
    }

    /// <summary>The tenants the user may open: their memberships, or every tenant for operators.</summary>
    public async Task<List<TenantChoice>> TenantsAsync(CancellationToken ct = default)
    {
        var caller = await GlobalCallerAsync();
        if (caller is null)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == caller.UserId)
            .ToDictionaryAsync(m => m.TenantId, m => m.Role, ct);
        var tenants = caller.IsCloudAdmin || caller.IsAuditor
            ? await db.Tenants.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct)
            : await db.Tenants.AsNoTracking().Where(t => memberships.Keys.Contains(t.Id)).OrderBy(t => t.Name).ToListAsync(ct);
        return [.. tenants.Select(t => new TenantChoice(t.Id, t.Name, memberships.GetValueOrDefault(t.Id)))];
    }
}
