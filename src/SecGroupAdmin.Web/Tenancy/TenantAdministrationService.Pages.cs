using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Quotas;

namespace SecGroupAdmin.Web.Tenancy;

/// <summary>The read side of "Tenants and users" a page at a time: search, sort and paging in SQL.</summary>
public sealed partial class TenantAdministrationService
{
    /// <summary>The most rows one page holds.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// One page of tenants whose name or id contains <paramref name="search"/> (case-insensitive), sorted (ties by
    /// name) and paged in SQL, each with its counts. CloudAdmin only.
    /// </summary>
    public async Task<ListPage<TenantOverview>> ListTenantsPageAsync(Caller caller, string? search, TenantListSort sort, bool descending,
        int skip, int take, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        skip = Math.Max(0, skip);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireCloudAdminAsync(db, caller, "get_tenants", ct);
        var tenants = db.Tenants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var lower = search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() and Contains(string) translate to SQL; the overloads the analyzers ask for do not.
            tenants = tenants.Where(t => t.Name.ToLower().Contains(lower) || t.Id.Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var total = await tenants.CountAsync(ct);
        var rows = tenants.Select(t => new
        {
            t.Id,
            t.Name,
            Members = t.Memberships.Count,
            Groups = db.SecurityGroups.Count(g => g.TenantId == t.Id),
            Ports = db.Ports.Count(p => p.TenantId == t.Id),
            t.SecurityGroupQuota,
            t.SecurityGroupRuleQuota,
            t.CreatedAt,
        });
        rows = (sort, descending) switch
        {
            (TenantListSort.Members, false) => rows.OrderBy(t => t.Members).ThenBy(t => t.Name),
            (TenantListSort.Members, true) => rows.OrderByDescending(t => t.Members).ThenBy(t => t.Name),
            (TenantListSort.Groups, false) => rows.OrderBy(t => t.Groups).ThenBy(t => t.Name),
            (TenantListSort.Groups, true) => rows.OrderByDescending(t => t.Groups).ThenBy(t => t.Name),
            (TenantListSort.Ports, false) => rows.OrderBy(t => t.Ports).ThenBy(t => t.Name),
            (TenantListSort.Ports, true) => rows.OrderByDescending(t => t.Ports).ThenBy(t => t.Name),
            (_, true) => rows.OrderByDescending(t => t.Name).ThenBy(t => t.Id),
            _ => rows.OrderBy(t => t.Name).ThenBy(t => t.Id),
        };
        var page = await rows.Skip(skip).Take(take).ToListAsync(ct);
        return new ListPage<TenantOverview>(
            [.. page.Select(t => new TenantOverview(t.Id, t.Name, t.Members, t.Groups, t.Ports,
                new QuotaSet(t.SecurityGroupQuota, t.SecurityGroupRuleQuota), t.CreatedAt))],
            total);
    }

    /// <summary>
    /// One page of users whose email, display name or one of whose tenants' names contains <paramref name="search"/>
    /// (case-insensitive), by email, paged in SQL; roles and memberships are read for the page's users only.
    /// CloudAdmin only.
    /// </summary>
    public async Task<ListPage<UserOverview>> ListUsersPageAsync(Caller caller, string? search, bool descending, int skip, int take,
        CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        skip = Math.Max(0, skip);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireCloudAdminAsync(db, caller, "get_users", ct);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var upper = search.Trim().ToUpperInvariant();
            var lower = search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() and Contains(string) translate to SQL; the overloads the analyzers ask for do not.
            users = users.Where(u => u.NormalizedEmail!.Contains(upper) ||
                                     (u.DisplayName != null && u.DisplayName.ToLower().Contains(lower)) ||
                                     db.Memberships.Any(m => m.UserId == u.Id && m.Tenant!.Name.ToLower().Contains(lower)));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var total = await users.CountAsync(ct);
        var ordered = descending
            ? users.OrderByDescending(u => u.NormalizedEmail).ThenBy(u => u.Id)
            : users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id);
        var ids = await ordered.Skip(skip).Take(take).Select(u => u.Id).ToListAsync(ct);
        var page = await UserOverviewsAsync(db, db.Users.Where(u => ids.Contains(u.Id)), ct);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return new ListPage<UserOverview>([.. page.OrderBy(u => position[u.Id])], total);
    }

    /// <summary>How many tenants and users there are (the tabs' titles). CloudAdmin only.</summary>
    public async Task<(int Tenants, int Users)> CountTenantsAndUsersAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireCloudAdminAsync(db, caller, "get_tenants", ct);
        return (await db.Tenants.CountAsync(ct), await db.Users.CountAsync(ct));
    }
}
