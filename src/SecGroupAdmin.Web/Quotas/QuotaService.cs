using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.Quotas;

/// <summary>
/// A tenant's security group and rule quotas: reading them, their usage, and the CloudAdmin's change (written in the
/// <see cref="WritePipeline"/>, with its audit entry). The quota checks themselves are part of creating groups and rules.
/// </summary>
public sealed class QuotaService(IDbContextFactory<AppDbContext> dbFactory, WritePipeline writes)
{
    /// <summary>A tenant's quotas: readers of the tenant, Auditors and CloudAdmins may look.</summary>
    public async Task<QuotaSet> GetQuotaAsync(Caller caller, string tenantId, CancellationToken ct = default)
    {
        if (!caller.CanRead(tenantId))
        {
            throw new NeutronException(NeutronErrors.NotFound());
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tenants.Where(t => t.Id == tenantId)
            .Select(t => new QuotaSet(t.SecurityGroupQuota, t.SecurityGroupRuleQuota))
            .FirstOrDefaultAsync(ct) ?? throw new NeutronException(NeutronErrors.NotFound());
    }

    /// <summary>How much of its quotas a tenant uses: groups it owns (default included) and rules whose project it is.</summary>
    public async Task<QuotaSet> GetQuotaUsageAsync(Caller caller, string tenantId, CancellationToken ct = default)
    {
        if (!caller.CanRead(tenantId))
        {
            throw new NeutronException(NeutronErrors.NotFound());
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new QuotaSet(
            await db.SecurityGroups.CountAsync(g => g.TenantId == tenantId, ct),
            await db.SecurityGroupRules.CountAsync(r => r.TenantId == tenantId, ct));
    }

    /// <summary>CloudAdmin only. Values from -1 (unlimited) up; lowering below current usage is allowed.</summary>
    public async Task<QuotaSet> UpdateQuotaAsync(Caller caller, string tenantId, int? securityGroups, int? securityGroupRules, CancellationToken ct = default)
    {
        if (!caller.IsAdmin)
        {
            throw new NeutronException(caller.CanRead(tenantId) ? NeutronErrors.PolicyNotAuthorized("update_quota") : NeutronErrors.NotFound());
        }
        foreach (var (name, value) in new[] { (ResourceTypes.SecurityGroup, securityGroups), (ResourceTypes.SecurityGroupRule, securityGroupRules) })
        {
            if (value is < -1)
            {
                throw new NeutronException(NeutronErrors.InvalidInputFor(name, $"'{value}' is too small - must be at least '-1'"));
            }
        }
        // The tenant's lock: its group and rule creates check the quota under it.
        return await writes.WriteAsync(WriterLocks.ForTenants(tenantId), async (db, after) =>
        {
            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, ct) ?? throw new NeutronException(NeutronErrors.NotFound());
            var before = new { security_group = tenant.SecurityGroupQuota, security_group_rule = tenant.SecurityGroupRuleQuota };
            tenant.SecurityGroupQuota = securityGroups ?? tenant.SecurityGroupQuota;
            tenant.SecurityGroupRuleQuota = securityGroupRules ?? tenant.SecurityGroupRuleQuota;
            var afterState = new { security_group = tenant.SecurityGroupQuota, security_group_rule = tenant.SecurityGroupRuleQuota };
            AuditLog.Record(db, caller, writes.Now(), tenantId, ResourceActions.Update, ResourceTypes.Quota, tenantId, before, afterState);
            await db.SaveChangesAsync(ct);
            after.Add(Event(caller, ResourceTypes.Quota, ResourceActions.Update, EventPhase.After, tenantId, tenantId, null, null));
            return new QuotaSet(tenant.SecurityGroupQuota, tenant.SecurityGroupRuleQuota);
        }, ct);
    }
}
