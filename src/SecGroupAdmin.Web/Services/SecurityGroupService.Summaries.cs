using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Services;

public sealed partial class SecurityGroupService
{
    /// <summary>The groups list of one tenant with rule and port counts, in one query.</summary>
    public async Task<List<GroupSummary>> ListGroupSummariesAsync(Caller caller, string tenantId, CancellationToken ct = default)
    {
        await EnsureDefaultGroupAsync(caller, tenantId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var defaults = db.DefaultSecurityGroups.Select(d => d.SecurityGroupId);
        var rows = await VisibleGroups(db, caller)
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
