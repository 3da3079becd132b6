using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>The read side of the group delete dialog: which ports block the delete and which rules go with the group.</summary>
public sealed class GroupDeleteImpactQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>How many ports and rules the dialog names; the rest are counted.</summary>
    public const int Shown = 20;

    /// <summary>
    /// The ports and referencing rules of <paramref name="tenantId"/> (as the groups list counts them: the tenant's own,
    /// another tenant's use is not its to see), of those the caller may see; empty lists when the caller may not see the group.
    /// </summary>
    public async Task<GroupDeleteImpact> ReadAsync(Caller caller, string tenantId, string groupId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Visible.Groups(db, caller).AnyAsync(g => g.Id == groupId, ct))
        {
            return new GroupDeleteImpact([], 0, [], 0);
        }
        var ports = Visible.Ports(db, caller).Where(p => p.TenantId == tenantId && p.SecurityGroups.Any(s => s.Id == groupId));
        var portCount = await ports.CountAsync(ct);
        var shownPorts = await ports.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(Shown)
            .Select(p => new GroupPortUse(p.Id, p.Name)).ToListAsync(ct);

        var rules = Visible.Rules(db, caller).Where(r => r.TenantId == tenantId && r.RemoteGroupId == groupId && r.SecurityGroupId != groupId);
        var ruleCount = await rules.CountAsync(ct);
        var shownRules = await rules.OrderBy(r => r.SecurityGroup!.Name).ThenBy(r => r.SecurityGroupId).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(Shown)
            .Select(r => new { Rule = r, GroupName = r.SecurityGroup!.Name }).ToListAsync(ct);
        return new GroupDeleteImpact(shownPorts, portCount,
            [.. shownRules.Select(r => new GroupReferencingRule(r.Rule.Id, r.Rule.SecurityGroupId, r.GroupName, r.Rule.ToNormalized()))],
            ruleCount);
    }
}
