using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;

namespace SecGroupAdmin.Web.Writes;

/// <summary>
/// The look-ups of <see cref="WriterLocks.Lookup"/>: which tenants stored rows named by id belong to. Run before the
/// write transaction without a lock; a row's tenant never changes, so only rows that appear or vanish in between can
/// make them incomplete, and the write's own <see cref="WriterLocks.Require(string)"/> checks catch that.
/// </summary>
public static class WriterLockLookups
{
    /// <summary>The tenants of the given groups (unknown ids are left out).</summary>
    public static Func<AppDbContext, CancellationToken, Task<List<string>>> GroupTenants(IEnumerable<string?> groupIds)
    {
        var ids = groupIds.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return (db, ct) => ids.Count == 0
            ? Task.FromResult(new List<string>())
            : db.SecurityGroups.Where(g => ids.Contains(g.Id)).Select(g => g.TenantId).Distinct().ToListAsync(ct);
    }

    /// <summary>
    /// The tenant of a group and of every group holding a rule with it as remote group (deleting the group deletes
    /// those rules and bumps their groups' revisions).
    /// </summary>
    public static Func<AppDbContext, CancellationToken, Task<List<string>>> GroupAndReferencingTenants(string groupId) =>
        (db, ct) => db.SecurityGroups
            .Where(g => g.Id == groupId || g.Rules.Any(r => r.RemoteGroupId == groupId))
            .Select(g => g.TenantId).Distinct().ToListAsync(ct);

    /// <summary>The tenants of the given rules' groups, and of the given (remote) groups.</summary>
    public static Func<AppDbContext, CancellationToken, Task<List<string>>> RuleGroupTenants(IEnumerable<string> ruleIds, params IEnumerable<string?> groupIds)
    {
        var rules = ruleIds.Distinct(StringComparer.Ordinal).ToList();
        var groups = GroupTenants(groupIds);
        return async (db, ct) =>
        {
            var tenants = await db.SecurityGroupRules.Where(r => rules.Contains(r.Id))
                .Select(r => r.SecurityGroup!.TenantId).Distinct().ToListAsync(ct);
            return [.. tenants, .. await groups(db, ct)];
        };
    }

    /// <summary>The tenant of an address group (none when it does not exist).</summary>
    public static Func<AppDbContext, CancellationToken, Task<List<string>>> AddressGroupTenant(string addressGroupId) =>
        (db, ct) => db.AddressGroups.Where(g => g.Id == addressGroupId).Select(g => g.TenantId).ToListAsync(ct);

    /// <summary>The tenant of a port, and of the groups it is to be bound to.</summary>
    public static Func<AppDbContext, CancellationToken, Task<List<string>>> PortTenants(string portId, IEnumerable<string>? groupIds)
    {
        var groups = GroupTenants(groupIds ?? []);
        return async (db, ct) =>
        {
            var tenants = await db.Ports.Where(p => p.Id == portId).Select(p => p.TenantId).ToListAsync(ct);
            return [.. tenants, .. await groups(db, ct)];
        };
    }
}
