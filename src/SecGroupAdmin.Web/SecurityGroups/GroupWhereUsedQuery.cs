using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// The read side of the group page's "Where used": the ports as the delete dialog reads them (<see cref="GroupDeleteImpactQuery"/>),
/// and the referencing rules counted per group, the first groups by name. A group used by thousands of ports
/// or rules costs a count and one short page of each, not the lot.
/// </summary>
public sealed class GroupWhereUsedQuery(IDbContextFactory<AppDbContext> dbFactory, GroupDeleteImpactQuery impact)
{
    /// <summary>As <see cref="GroupDeleteImpactQuery.ReadAsync"/>: the tenant's own use, of what the caller may see; empty when the caller may not see the group.</summary>
    public async Task<GroupUse> ReadAsync(Caller caller, string tenantId, string groupId, CancellationToken ct = default)
    {
        var used = await impact.ReadAsync(caller, tenantId, groupId, ct);
        if (used.RuleCount == 0)
        {
            return new GroupUse(used.Ports, used.PortCount, [], 0, 0);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = Visible.Rules(db, caller).Where(r => r.TenantId == tenantId && r.RemoteGroupId == groupId && r.SecurityGroupId != groupId);
        var referencing = rules.Select(r => r.SecurityGroupId).Distinct();
        var groupCount = await referencing.CountAsync(ct);
        var counts = await db.SecurityGroups.Where(g => referencing.Contains(g.Id))
            .OrderBy(g => g.Name).ThenBy(g => g.Id).Take(GroupDeleteImpactQuery.Shown)
            .Select(g => new { g.Id, g.Name, Count = rules.Count(r => r.SecurityGroupId == g.Id) })
            .ToListAsync(ct);
        return new GroupUse(used.Ports, used.PortCount, [.. counts.Select(c => new GroupReference(c.Id, c.Name, c.Count))], groupCount, used.RuleCount);
    }
}
