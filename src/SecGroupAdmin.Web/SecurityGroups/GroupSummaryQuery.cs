using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>The read side of the groups list: one tenant's groups with their counts, in one query.</summary>
public sealed class GroupSummaryQuery(IDbContextFactory<AppDbContext> dbFactory, DefaultGroupCreator defaultGroups)
{
    /// <summary>
    /// The groups list of one tenant with rule and port counts, default group first. Like Neutron's list, it first
    /// creates the tenant's default group when the caller may cause that.
    /// </summary>
    public async Task<List<GroupSummary>> ListGroupSummariesAsync(Caller caller, string tenantId, CancellationToken ct = default)
    {
        await defaultGroups.EnsureAsync(caller, tenantId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var defaults = db.DefaultSecurityGroups.Select(d => d.SecurityGroupId);
        var rows = await Visible.Groups(db, caller)
            .Where(g => g.TenantId == tenantId)
            .Select(g => new GroupSummary(
                g.Id, g.TenantId, g.Name, g.Description, g.Stateful,
                defaults.Contains(g.Id),
                g.Rules.Count,
                db.Ports.Count(p => p.SecurityGroups.Any(s => s.Id == g.Id)),
                db.SecurityGroupRules.Count(r => r.RemoteGroupId == g.Id && r.SecurityGroupId != g.Id),
                g.RevisionNumber, g.UpdatedAt, g.UpdatedBy))
            .ToListAsync(ct);
        return [.. rows.OrderByDescending(g => g.IsDefault).ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
