using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Rbac;

namespace SecGroupAdmin.Web.AddressGroups;

/// <summary>
/// The read side of the address-groups page and of rules that use address groups: one tenant's address groups a page
/// at a time with their use counts (counted on the rules' <c>RemoteAddressGroupId</c> index, never by loading rules),
/// the rules that use one ("where used"), and the choices and labels of the rule dialog and the rules grid. Everything
/// goes through <see cref="Visible"/>.
/// </summary>
public sealed class AddressGroupQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The most address groups one page holds.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The most rules "where used" lists.</summary>
    public const int MaxUses = 200;

    /// <summary>
    /// A tenant's own address groups and, when something is shared with it, those shared with it (as the groups list:
    /// <see cref="Sharing.OwnAndSharedAddressGroups"/>, no scan of every address group).
    /// </summary>
    internal static IQueryable<AddressGroup> Listed(AppDbContext db, Caller caller, string tenantId) =>
        !caller.ReceivesShares || caller.TenantId != tenantId
            ? Visible.AddressGroups(db, caller).Where(g => g.TenantId == tenantId)
            : Sharing.OwnAndSharedAddressGroups(db, Visible.AddressGroups(db, caller), tenantId);

    /// <summary>
    /// Address groups of <paramref name="tenantId"/> (and shared with it) the caller may see whose name or description contains
    /// <paramref name="search"/> (case-insensitive), or one of whose addresses starts with it; by name then id, paged in SQL.
    /// </summary>
    public async Task<AddressGroupSummaryPage> ListPageAsync(Caller caller, string tenantId, string? search, int skip, int take, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        skip = Math.Max(0, skip);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = Listed(db, caller, tenantId).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var lower = search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862, CA1310 // ToLower(), Contains(string) and StartsWith(string) translate to SQL; the overloads the analyzers ask for do not.
            groups = groups.Where(g => g.Name.ToLower().Contains(lower) || g.Description.ToLower().Contains(lower) ||
                                       g.Addresses.Any(a => a.Address.StartsWith(lower)));
#pragma warning restore CA1304, CA1311, CA1862, CA1310
        }
        var total = await groups.CountAsync(ct);
        var rows = await groups.OrderBy(g => g.Name).ThenBy(g => g.Id).Skip(skip).Take(take)
            .Select(g => new
            {
                g.Id,
                g.TenantId,
                g.Name,
                g.Description,
                g.RevisionNumber,
                g.UpdatedAt,
                // An address group shared with the tenant: only the tenant's own rules count (another tenant's use is not its to see).
                Uses = db.SecurityGroupRules.Count(r => r.RemoteAddressGroupId == g.Id && (g.TenantId == tenantId || r.TenantId == tenantId)),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var addresses = (await db.AddressGroupAddresses.AsNoTracking().Where(a => ids.Contains(a.AddressGroupId))
                .Select(a => new { a.AddressGroupId, a.Address, a.Position }).ToListAsync(ct))
            .GroupBy(a => a.AddressGroupId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.OrderBy(a => a.Position).Select(a => a.Address)]);
        var owners = await ShareQuery.TenantNamesAsync(db, [.. rows.Where(r => r.TenantId != tenantId).Select(r => r.TenantId)], ct);
        return new AddressGroupSummaryPage(
            [.. rows.Select(r => new AddressGroupSummary(r.Id, r.TenantId, r.Name, r.Description, addresses.GetValueOrDefault(r.Id, []), r.Uses, r.RevisionNumber, r.UpdatedAt)
            {
                SharedBy = r.TenantId == tenantId ? null : owners.GetValueOrDefault(r.TenantId, r.TenantId),
            })],
            total);
    }

    /// <summary>One address group as the page shows it, or null when missing or not visible.</summary>
    public async Task<AddressGroupSummary?> GetAsync(Caller caller, string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await Visible.AddressGroups(db, caller).AsNoTracking().Where(g => g.Id == id)
            .Select(g => new
            {
                g.Id,
                g.TenantId,
                g.Name,
                g.Description,
                g.RevisionNumber,
                g.UpdatedAt,
                Uses = db.SecurityGroupRules.Count(r => r.RemoteAddressGroupId == g.Id),
                Addresses = g.Addresses.OrderBy(a => a.Position).Select(a => a.Address).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        return group is null ? null
            : new AddressGroupSummary(group.Id, group.TenantId, group.Name, group.Description, group.Addresses, group.Uses, group.RevisionNumber, group.UpdatedAt);
    }

    /// <summary>
    /// The rules that use an address group the caller may see (at most <see cref="MaxUses"/>), in the security groups the
    /// caller may see, by group name; rules in groups hidden from the caller are left out (the count says how many there are).
    /// </summary>
    public async Task<IReadOnlyList<AddressGroupUse>> UsesAsync(Caller caller, string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await Visible.AddressGroups(db, caller).AsNoTracking().Where(g => g.Id == id)
            .Select(g => new { g.Name, g.TenantId, Count = g.Addresses.Count }).FirstOrDefaultAsync(ct);
        if (group is null)
        {
            return [];
        }
        // Another tenant's address group shared with the caller's: only the caller's tenant's rules (as the page counts them).
        var onlyOwnTenant = group.TenantId != caller.TenantId && !caller.IsAdmin && !caller.IsAuditor;
        var label = AddressGroupLabels.RemoteText(string.IsNullOrEmpty(group.Name) ? id[..8] : group.Name, group.Count);
        var rows = await (
                from r in db.SecurityGroupRules.AsNoTracking()
                where r.RemoteAddressGroupId == id && (!onlyOwnTenant || r.TenantId == caller.TenantId)
                join g in Visible.Groups(db, caller) on r.SecurityGroupId equals g.Id
                join t in db.Tenants on g.TenantId equals t.Id
                orderby g.Name, g.Id, r.Id
                select new { Rule = r, GroupName = g.Name, g.TenantId, TenantName = t.Name })
            .Take(MaxUses).ToListAsync(ct);
        return [.. rows.Select(x => new AddressGroupUse(x.Rule.Id, x.Rule.SecurityGroupId, x.GroupName, x.TenantId, x.TenantName,
            x.Rule.Direction, RuleText.Describe(x.Rule.ToNormalized(), label)))];
    }

    /// <summary>
    /// The address groups of <paramref name="tenantId"/> the caller may see, and those shared with it (marked with their
    /// owner), for the rule dialog's picker (by name).
    /// </summary>
    public async Task<IReadOnlyList<AddressGroupChoice>> ChoicesAsync(Caller caller, string tenantId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Listed(db, caller, tenantId).AsNoTracking()
            .OrderBy(g => g.Name).ThenBy(g => g.Id)
            .Select(g => new { Choice = new AddressGroupChoice(g.Id, g.Name, g.Addresses.Count), g.TenantId })
            .Take(MaxPageSize * 5).ToListAsync(ct);
        var owners = await ShareQuery.TenantNamesAsync(db, [.. rows.Where(r => r.TenantId != tenantId).Select(r => r.TenantId)], ct);
        return [.. rows.Select(r => r.TenantId == tenantId ? r.Choice : r.Choice with { SharedBy = owners.GetValueOrDefault(r.TenantId, r.TenantId) })];
    }

    /// <summary>The named address groups among <paramref name="ids"/> the caller may see (for the rules grid).</summary>
    public async Task<Dictionary<string, AddressGroupChoice>> LabelsAsync(Caller caller, IEnumerable<string> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible.AddressGroups(db, caller).AsNoTracking().Where(g => wanted.Contains(g.Id))
            .Select(g => new AddressGroupChoice(g.Id, g.Name, g.Addresses.Count))
            .ToDictionaryAsync(g => g.Id, StringComparer.Ordinal, ct);
    }
}
