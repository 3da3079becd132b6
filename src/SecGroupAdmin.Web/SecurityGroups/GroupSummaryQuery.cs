using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Api;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.Tags;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>The read side of the groups list: one tenant's groups with their counts.</summary>
public sealed class GroupSummaryQuery(IDbContextFactory<AppDbContext> dbFactory, DefaultGroupCreator defaultGroups)
{
    /// <summary>
    /// The groups a tenant's lists show: its own and, when something is shared with it, the groups shared with it
    /// (<see cref="Sharing.OwnAndSharedGroups"/>: two index reads put together, not a scan of every group), of those
    /// the caller may see.
    /// </summary>
    internal static IQueryable<SecurityGroup> Listed(AppDbContext db, Caller caller, string tenantId) =>
        !caller.ReceivesShares || caller.TenantId != tenantId
            ? Visible.Groups(db, caller).Where(g => g.TenantId == tenantId)
            : Sharing.OwnAndSharedGroups(db, Visible.Groups(db, caller), tenantId);

    /// <summary>
    /// The groups list of one tenant with rule and port counts, default group first; groups shared with it after its own
    /// (marked with their owner's name). Like Neutron's list, it first
    /// creates the tenant's default group when the caller may cause that.
    /// </summary>
    public async Task<List<GroupSummary>> ListGroupSummariesAsync(Caller caller, string tenantId, CancellationToken ct = default)
    {
        await defaultGroups.EnsureAsync(caller, tenantId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var defaults = db.DefaultSecurityGroups.Select(d => d.SecurityGroupId);
        var rows = await Listed(db, caller, tenantId)
            .Select(g => new GroupSummary(
                g.Id, g.TenantId, g.Name, g.Description, g.Stateful,
                g.TenantId == tenantId && defaults.Contains(g.Id),
                g.Rules.Count,
                // A group shared with the tenant: only the tenant's own ports and rules count (another tenant's use is not its to see).
                db.Ports.Count(p => (g.TenantId == tenantId || p.TenantId == tenantId) && p.SecurityGroups.Any(s => s.Id == g.Id)),
                db.SecurityGroupRules.Count(r => (g.TenantId == tenantId || r.TenantId == tenantId) && r.RemoteGroupId == g.Id && r.SecurityGroupId != g.Id),
                g.RevisionNumber, g.UpdatedAt, g.UpdatedBy))
            .ToListAsync(ct);
        var owners = await ShareQuery.TenantNamesAsync(db, [.. rows.Where(g => g.TenantId != tenantId).Select(g => g.TenantId)], ct);
        return [.. rows.Select(g => g.TenantId == tenantId ? g : g with { SharedBy = owners.GetValueOrDefault(g.TenantId, g.TenantId) })
            .OrderByDescending(g => g.IsDefault).ThenBy(g => g.SharedBy is not null).ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// One page of a tenant's groups for the groups page, search, sort and paging in SQL: groups whose name or
    /// description contains <paramref name="search"/> (case-insensitive) and that carry every one of
    /// <paramref name="tags"/> (the API's <c>tags</c> filter, <see cref="TagFilters.GroupsWithAll"/>), default group
    /// first, then by <paramref name="sort"/>. The rule (and exposed rule), port and reference counts are read by GROUP BY for the page's
    /// groups only, the tags in one query for the page's groups that have any (<c>HasTags</c>).
    /// Like the full list it first creates the tenant's default group when the caller may cause that.
    /// </summary>
    public async Task<GroupSummaryPage> ListPageAsync(Caller caller, string tenantId, string? search, IReadOnlyCollection<string>? tags,
        GroupSort sort, bool descending, int skip, int take, CancellationToken ct = default)
    {
        await defaultGroups.EnsureAsync(caller, tenantId, ct);
        take = Math.Clamp(take, 1, MaxPageSize);
        skip = Math.Max(0, skip);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var defaults = db.DefaultSecurityGroups.Select(d => d.SecurityGroupId);
        var groups = Listed(db, caller, tenantId).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var lower = search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() and Contains(string) translate to SQL; the overloads the analyzers ask for do not.
            groups = groups.Where(g => g.Name.ToLower().Contains(lower) || g.Description.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (tags is { Count: > 0 })
        {
            groups = TagFilters.GroupsWithAll(db, groups, tags);
        }
        var total = await groups.CountAsync(ct);
        var rows = groups.Select(g => new
        {
            g.Id, g.TenantId, g.Name, g.Description, g.Stateful, IsDefault = g.TenantId == tenantId && defaults.Contains(g.Id),
            g.RevisionNumber, g.UpdatedAt, g.UpdatedBy, g.HasTags,
        });
        var ordered = rows.OrderByDescending(g => g.IsDefault);
        ordered = (sort, descending) switch
        {
            (GroupSort.LastChanged, false) => ordered.ThenBy(g => g.UpdatedAt),
            (GroupSort.LastChanged, true) => ordered.ThenByDescending(g => g.UpdatedAt),
            (_, true) => ordered.ThenByDescending(g => g.Name),
            _ => ordered.ThenBy(g => g.Name),
        };
        var page = await ordered.ThenBy(g => g.Id).Skip(skip).Take(take).ToListAsync(ct);

        var ids = page.Select(g => g.Id).ToList();
        // The rules and the exposed ones (the stored verdict, the Risk column) in the same GROUP BY.
        var ruleCounts = await db.SecurityGroupRules.Where(r => ids.Contains(r.SecurityGroupId))
            .GroupBy(r => r.SecurityGroupId).Select(g => new { g.Key, Count = g.Count(), Exposed = g.Count(r => r.Exposure > ExposureReason.None) })
            .ToDictionaryAsync(g => g.Key, ct);
        var rules = ruleCounts.ToDictionary(g => g.Key, g => g.Value.Count);
        var ports = await db.Set<Dictionary<string, object>>("PortSecurityGroup")
            .Where(j => ids.Contains(EF.Property<string>(j, "SecurityGroupId")))
            .GroupBy(j => EF.Property<string>(j, "SecurityGroupId")).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var references = await db.SecurityGroupRules
            .Where(r => r.RemoteGroupId != null && ids.Contains(r.RemoteGroupId) && r.SecurityGroupId != r.RemoteGroupId)
            .GroupBy(r => r.RemoteGroupId!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var shared = page.Where(g => g.TenantId != tenantId).Select(g => g.Id).ToList();
        if (shared.Count > 0)
        {
            // A group shared with the tenant: only the tenant's own ports and rules count (another tenant's use is not its to see).
            var ownPorts = await db.Ports.Where(p => p.TenantId == tenantId)
                .SelectMany(p => p.SecurityGroups.Where(s => shared.Contains(s.Id)).Select(s => s.Id))
                .GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var ownReferences = await db.SecurityGroupRules
                .Where(r => r.TenantId == tenantId && r.RemoteGroupId != null && shared.Contains(r.RemoteGroupId))
                .GroupBy(r => r.RemoteGroupId!).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            foreach (var id in shared)
            {
                ports[id] = ownPorts.GetValueOrDefault(id);
                references[id] = ownReferences.GetValueOrDefault(id);
            }
        }
        var groupTags = await TagService.GroupTagsAsync(db, [.. page.Where(g => g.HasTags).Select(g => g.Id)], ct);
        var owners = await ShareQuery.TenantNamesAsync(db, [.. page.Where(g => g.TenantId != tenantId).Select(g => g.TenantId)], ct);
        return new GroupSummaryPage(
            [.. page.Select(g => new GroupSummary(g.Id, g.TenantId, g.Name, g.Description, g.Stateful, g.IsDefault,
                rules.GetValueOrDefault(g.Id), ports.GetValueOrDefault(g.Id), references.GetValueOrDefault(g.Id),
                g.RevisionNumber, g.UpdatedAt, g.UpdatedBy)
            {
                Tags = groupTags.TryGetValue(g.Id, out var list) ? list : [],
                SharedBy = g.TenantId == tenantId ? null : owners.GetValueOrDefault(g.TenantId, g.TenantId),
                ExposedCount = ruleCounts.TryGetValue(g.Id, out var counts) ? counts.Exposed : 0,
            })],
            total);
    }

    /// <summary>The most groups one page holds.</summary>
    public const int MaxPageSize = 200;
}
