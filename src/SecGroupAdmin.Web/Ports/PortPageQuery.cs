using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Ports;

/// <summary>The read side of the ports page: one tenant's ports a page at a time, search, sort and paging in SQL.</summary>
public sealed class PortPageQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The most ports one page holds.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// Ports of <paramref name="tenantId"/> the caller may see whose name, network, an address or a bound group's name contains
    /// <paramref name="search"/> (case-insensitive), or whose id starts with it; sorted (ties by id) and paged in SQL,
    /// with the groups of the page's ports only.
    /// </summary>
    public async Task<PortPage> ListPageAsync(Caller caller, string tenantId, string? search, PortSort sort, bool descending,
        int skip, int take, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        skip = Math.Max(0, skip);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ports = Visible.Ports(db, caller).AsNoTracking().Where(p => p.TenantId == tenantId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var lower = text.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862, CA1310 // ToLower(), Contains(string) and StartsWith(string) translate to SQL; the overloads the analyzers ask for do not.
            ports = ports.Where(p => p.Name.ToLower().Contains(lower) || p.NetworkId.ToLower().Contains(lower) ||
                                     p.Id.StartsWith(lower) ||
                                     p.SecurityGroups.Any(g => g.Name.ToLower().Contains(lower)) ||
                                     p.FixedIps.Any(f => f.IpAddress.Contains(lower)));
#pragma warning restore CA1304, CA1311, CA1862, CA1310
        }
        var total = await ports.CountAsync(ct);
        ports = (sort, descending) switch
        {
            (PortSort.Name, false) => ports.OrderBy(p => p.Name).ThenBy(p => p.Id),
            (PortSort.Name, true) => ports.OrderByDescending(p => p.Name).ThenBy(p => p.Id),
            (PortSort.Network, false) => ports.OrderBy(p => p.NetworkId).ThenBy(p => p.Id),
            (PortSort.Network, true) => ports.OrderByDescending(p => p.NetworkId).ThenBy(p => p.Id),
            (_, true) => ports.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
            _ => ports.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
        };
        var items = await ports.Skip(skip).Take(take).Include(p => p.SecurityGroups).Include(p => p.FixedIps).AsSplitQuery().ToListAsync(ct);
        return new PortPage(items, total);
    }
}
