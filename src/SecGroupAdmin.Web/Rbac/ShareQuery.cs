using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Rbac;

/// <summary>
/// The read side of the share dialog: an object's shares (<see cref="RbacPolicyService.ForObjectAsync"/>) with their
/// targets' names and what uses the object in each target tenant (counts). Only who may change the object's shares
/// (its tenant's writers, a CloudAdmin) reads it: the counts are of other tenants' ports and rules.
/// </summary>
public sealed class ShareQuery(IDbContextFactory<AppDbContext> dbFactory, RbacPolicyService policies)
{
    public async Task<List<ShareTarget>> SharesAsync(Caller caller, string objectType, string objectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = objectType == RbacObjectTypes.SecurityGroup
            ? await db.SecurityGroups.Where(g => g.Id == objectId).Select(g => g.TenantId).FirstOrDefaultAsync(ct)
            : await db.AddressGroups.Where(g => g.Id == objectId).Select(g => g.TenantId).FirstOrDefaultAsync(ct);
        if (owner is null || !caller.CanWrite(owner))
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized("get_rbac_policy"));
        }
        var shares = await policies.ForObjectAsync(caller, objectType, objectId, ct);
        var targets = shares.Select(p => p.TargetTenant).Where(t => t != RbacObjectTypes.Everyone).Distinct().ToList();
        var names = await db.Tenants.AsNoTracking().Where(t => targets.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var rows = new List<ShareTarget>();
        foreach (var share in shares)
        {
            var everyone = share.TargetTenant == RbacObjectTypes.Everyone;
            var target = share.TargetTenant;
            int ports = 0, rules;
            if (objectType == RbacObjectTypes.SecurityGroup)
            {
                ports = await db.Ports.CountAsync(p => p.TenantId != owner && (everyone || p.TenantId == target) && p.SecurityGroups.Any(g => g.Id == objectId), ct);
                rules = await db.SecurityGroupRules.CountAsync(r => r.GroupTenantId != owner && (everyone || r.GroupTenantId == target) && r.RemoteGroupId == objectId, ct);
            }
            else
            {
                rules = await db.SecurityGroupRules.CountAsync(r => r.GroupTenantId != owner && (everyone || r.GroupTenantId == target) && r.RemoteAddressGroupId == objectId, ct);
            }
            rows.Add(new ShareTarget(share.Id, target, everyone ? "everyone" : names.GetValueOrDefault(target, target), ports, rules));
        }
        return rows;
    }

    /// <summary>The tenant names of <paramref name="ids"/> (the owners of what is shared with a tenant), for "shared by X".</summary>
    public static async Task<Dictionary<string, string>> TenantNamesAsync(AppDbContext db, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        return await db.Tenants.AsNoTracking().Where(t => wanted.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, StringComparer.Ordinal, ct);
    }
}
