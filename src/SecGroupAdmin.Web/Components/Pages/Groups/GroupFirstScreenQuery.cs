using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Api;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tags;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>
/// Reads what the group page's prerendered first screen shows, at the cost of that screen and not of the group: the
/// group's head, its rule counts by direction and exposed (counted in SQL: the stored exposure verdict), whether it is
/// the tenant's default group, the first <see cref="GroupFirstScreen.RowCount"/> ingress rules in
/// <see cref="RuleDefaultOrder"/> (ordered and cut in SQL), their tags, and the names of the remote groups and address
/// groups those rules refer to.
/// </summary>
public sealed class GroupFirstScreenQuery(IDbContextFactory<AppDbContext> dbFactory, TagService tags, AddressGroupQuery addressGroups)
{
    /// <summary>
    /// The first screen of <paramref name="groupId"/> in the caller's tenant: one of its own groups, or another tenant's
    /// group shared with it (<see cref="Rbac.Sharing"/>), then marked with its owner and read-only; null when the caller may
    /// not see it there.
    /// </summary>
    public async Task<GroupFirstScreen?> ReadAsync(TenantContext tenant, string groupId, string? ruleQuotaReason, CancellationToken ct = default)
    {
        var caller = tenant.Caller;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await Visible.Groups(db, caller).AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return null;
        }
        string? sharedBy = null;
        if (group.TenantId != tenant.Tenant.Id)
        {
            // Another tenant's group: shown (read-only) only when shared with this tenant, as the page decides it.
            if (!caller.ReceivesShares || !await Rbac.Sharing.IsSharedWithAsync(db, RbacObjectTypes.SecurityGroup, groupId, tenant.Tenant.Id, ct))
            {
                return null;
            }
            var owners = await ShareQuery.TenantNamesAsync(db, [group.TenantId], ct);
            sharedBy = owners.GetValueOrDefault(group.TenantId, group.TenantId);
        }
        var counts = await db.SecurityGroupRules.Where(r => r.SecurityGroupId == groupId)
            .GroupBy(r => r.Direction)
            .Select(g => new { Direction = g.Key, Count = g.Count(), Exposed = g.Count(r => r.Exposure > ExposureReason.None) })
            .ToListAsync(ct);
        var rules = await RuleDefaultOrder.Of(db.SecurityGroupRules.Where(r => r.SecurityGroupId == groupId && r.Direction == Directions.Ingress), SqlList.IsPostgres(db))
            .Take(GroupFirstScreen.RowCount).Select(SecurityGroupService.ForReading).ToListAsync(ct);
        // The default group of the tenant shown (another tenant's default group shared with it is not this tenant's default).
        var isDefault = sharedBy is null && await db.DefaultSecurityGroups.AnyAsync(d => d.SecurityGroupId == groupId, ct);
        await tags.FillAsync(rules, ct);

        // The names the rows show for their remotes, as the page names them: a group of the tenant's list (its own and
        // those shared with it) by its name (or the start of its id), an address group by its label ("address group
        // office, 3 addresses").
        var remoteGroupIds = rules.Select(r => r.RemoteGroupId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var names = remoteGroupIds.Count == 0 ? [] : await GroupSummaryQuery.Listed(db, caller, tenant.Tenant.Id)
            .Where(g => remoteGroupIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Name })
            .ToDictionaryAsync(g => g.Id, g => string.IsNullOrEmpty(g.Name) ? g.Id[..13] : g.Name, StringComparer.Ordinal, ct);
        var labels = await addressGroups.LabelsAsync(caller, rules.Select(r => r.RemoteAddressGroupId).OfType<string>(), ct);
        foreach (var (id, label) in labels)
        {
            names[id] = label.RemoteText;
        }

        int CountOf(string direction) => counts.FirstOrDefault(c => c.Direction == direction)?.Count ?? 0;
        return GroupFirstScreen.Of(tenant, group, isDefault, ruleQuotaReason, CountOf(Directions.Ingress), CountOf(Directions.Egress),
            counts.Sum(c => c.Exposed), rules, names, sharedBy);
    }
}
