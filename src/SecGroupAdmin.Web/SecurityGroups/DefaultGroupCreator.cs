using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// Creates a tenant's <c>default</c> group with the template's rules for default groups the first time it is needed (listing groups or rules,
/// creating a group or a port), at most once, also when two requests race.
/// </summary>
public sealed class DefaultGroupCreator(IDbContextFactory<AppDbContext> dbFactory, WritePipeline writes)
{
    private const string DefaultGroupDescription = "Default security group";

    /// <summary>
    /// The id of the tenant's default group, created now if missing; null when the guard forbids creating it or the
    /// tenant is unknown.
    /// </summary>
    public async Task<string?> EnsureAsync(Caller caller, string tenantId, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var existing = await DefaultGroupIdAsync(db, tenantId, ct);
            if (existing is not null || !caller.MayCreateDefaultGroupFor(tenantId))
            {
                return existing;
            }
        }
        try
        {
            // Under the tenant's lock the check inside sees a default group made by a racing request (on any instance).
            return await writes.WriteAsync(WriterLocks.ForTenants(tenantId), (db, after) => EnsureInAsync(db, caller, tenantId, after, ct), ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another request created it between our check and our insert: use theirs.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await DefaultGroupIdAsync(db, tenantId, ct);
        }
    }

    /// <summary>Inside a write transaction: the default group of <paramref name="tenantId"/>, created if missing.</summary>
    public async Task<string?> EnsureInAsync(AppDbContext db, Caller caller, string tenantId, List<ResourceEvent> after, CancellationToken ct)
    {
        var existing = await DefaultGroupIdAsync(db, tenantId, ct);
        if (existing is not null)
        {
            return existing;
        }
        if (!caller.MayCreateDefaultGroupFor(tenantId) || !await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            return null;
        }

        var now = writes.Now();
        var group = new SecurityGroup
        {
            TenantId = tenantId,
            Name = "default",
            Description = DefaultGroupDescription,
            Stateful = true,
            RevisionNumber = 1,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = caller.UserName,
        };
        group.Rules.AddRange(GroupTemplate.Rules(group, await GroupTemplate.ReadAsync(db, defaultGroup: true, ct), now));
        db.SecurityGroups.Add(group);
        db.DefaultSecurityGroups.Add(new DefaultSecurityGroup { TenantId = tenantId, SecurityGroupId = group.Id });
        AuditLog.Record(db, caller, now, tenantId, ResourceActions.Create, ResourceTypes.SecurityGroup, group.Id, null, AuditSnapshots.Of(group));
        await db.SaveChangesAsync(ct);
        after.Add(Event(caller, ResourceTypes.SecurityGroup, ResourceActions.Create, EventPhase.After, group.Id, tenantId, group.Id, group.RevisionNumber,
            metadata: new Dictionary<string, object?> { ["is_default"] = true }));
        return group.Id;
    }

    private static Task<string?> DefaultGroupIdAsync(AppDbContext db, string tenantId, CancellationToken ct) =>
        db.DefaultSecurityGroups.Where(d => d.TenantId == tenantId).Select(d => d.SecurityGroupId).FirstOrDefaultAsync(ct);
}
