using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;

namespace SecGroupAdmin.Web.Services;

/// <summary>
/// The only write path for groups, rules, ports and quotas, and the read path for tenant-scoped queries.
/// Every operation: who is asking (<see cref="Caller"/>) → validation in Neutron's order → one transaction
/// (quota, duplicate check, write, audit entry, precommit events) → after-commit events.
/// The UI, the REST API and the admin CLI all come through here, so none of these steps can be skipped.
/// </summary>
public sealed partial class SecurityGroupService(
    IDbContextFactory<AppDbContext> dbFactory,
    ResourceEventBus events,
    TimeProvider clock)
{
    public const string GroupResource = "security_group";
    public const string RuleResource = "security_group_rule";
    public const string PortResource = "port";
    public const string QuotaResource = "quota";

    private const string DefaultGroupDescription = "Default security group";

    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    private static NeutronException Fail(NeutronError error) => new(error);

    /// <summary>
    /// SQLite writers of this app queue here, in arrival order, before BEGIN IMMEDIATE. Without it, concurrent writers
    /// wait in SQLite's busy handler, which sleeps in growing steps (1, 2, 5, 10, 15, 20, 25 ms...) however soon the
    /// lock frees: with 8 concurrent API clients that sleeping, not work, made the slowest creates. A SQLite file
    /// belongs to one app instance, so an in-process queue is complete for the service's writes; other writers
    /// (the admin CLI, Identity) still meet the busy timeout.
    /// </summary>
    private readonly SemaphoreSlim sqliteWriters = new(1, 1);

    /// <summary>Runs <paramref name="work"/> in one transaction; after-commit events are published only if it committed.</summary>
    private async Task<T> WriteAsync<T>(Func<AppDbContext, List<ResourceEvent>, Task<T>> work, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A failure anywhere rolls back the whole transaction, so SaveChanges need not wrap itself in a savepoint.
        db.Database.AutoSavepointsEnabled = false;
        var queued = db.Database.IsSqlite();
        if (queued)
        {
            await sqliteWriters.WaitAsync(ct);
        }
        var after = new List<ResourceEvent>();
        T result;
        try
        {
            // On SQLite this is BEGIN IMMEDIATE: the write lock is taken up front, never upgraded from a read.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await SerializeWritersAsync(db, ct);
            result = await work(db, after);
            await tx.CommitAsync(ct);
        }
        finally
        {
            // After the commit or the rollback (the transaction is disposed first), before the after-commit events.
            if (queued)
            {
                sqliteWriters.Release();
            }
        }
        await events.PublishAfterAsync(after);
        return result;
    }

    /// <summary>Key of the transaction-scoped PostgreSQL advisory lock every write transaction of this service takes.</summary>
    public const long WriterLockKey = 0x5347_4144_4D31; // "SGADM1"

    /// <summary>
    /// PostgreSQL (READ COMMITTED) would let two transactions both pass the quota check, or both read a group's revision,
    /// before either commits. So every write transaction here first takes one transaction-scoped advisory lock, which
    /// every app instance shares: writers queue up exactly as SQLite's BEGIN IMMEDIATE makes them, the checks read
    /// committed data, and the lock is released by COMMIT or ROLLBACK (also when the connection drops). Reads never wait.
    /// </summary>
    private static async Task SerializeWritersAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriterLockKey})", ct);
        }
    }

    private ResourceEvent Event(Caller caller, string resource, string action, EventPhase phase, string id, string tenantId,
        string? groupId, long? revision, object? state = null, IReadOnlyDictionary<string, object?>? metadata = null) =>
        new(resource, action, phase, id, tenantId, groupId, caller.UserId, caller.UserName, revision, state, metadata);

    /// <summary>The "project_id other than yours" rule of Neutron's API layer.</summary>
    private static string ResolveProject(Caller caller, string? projectId)
    {
        if (string.IsNullOrEmpty(projectId) || projectId == caller.TenantId)
        {
            return caller.TenantId;
        }
        if (!caller.IsAdmin)
        {
            throw Fail(NeutronErrors.BadRequest(
                "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin or advsvc privileges",
                "project_id"));
        }
        return projectId;
    }

    private static async Task EnsureTenantExistsAsync(AppDbContext db, string tenantId, CancellationToken ct)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            throw Fail(NeutronErrors.InvalidInputFor("project_id", $"project {tenantId} does not exist"));
        }
    }

    private static void CheckRevision(long? expected, long actual)
    {
        if (expected is long e && e != actual)
        {
            throw Fail(NeutronErrors.RevisionMismatch(e, actual));
        }
    }

    /// <summary>Groups the caller may see (all for CloudAdmin and Auditor, else the caller's tenant).</summary>
    public static IQueryable<SecurityGroup> VisibleGroups(AppDbContext db, Caller caller) =>
        caller.IsAdmin || caller.IsAuditor
            ? db.SecurityGroups
            : caller.TenantRole is null
                ? db.SecurityGroups.Where(_ => false)
                : db.SecurityGroups.Where(g => g.TenantId == caller.TenantId);

    /// <summary>Rules the caller may see: those whose parent group the caller may see.</summary>
    public static IQueryable<SecurityGroupRule> VisibleRules(AppDbContext db, Caller caller) =>
        caller.IsAdmin || caller.IsAuditor
            ? db.SecurityGroupRules
            : caller.TenantRole is null
                ? db.SecurityGroupRules.Where(_ => false)
                : db.SecurityGroupRules.Where(r => r.SecurityGroup!.TenantId == caller.TenantId);

    /// <summary>
    /// Creates the tenant's <c>default</c> group with its 4 rules the first time it is needed, at most once,
    /// also when two requests race. Returns its id, or null when the guard forbids it or the tenant is unknown.
    /// </summary>
    public async Task<string?> EnsureDefaultGroupAsync(Caller caller, string tenantId, CancellationToken ct = default)
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
            return await WriteAsync((db, after) => EnsureDefaultGroupInAsync(db, caller, tenantId, after, ct), ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another request created it between our check and our insert: use theirs.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await DefaultGroupIdAsync(db, tenantId, ct);
        }
    }

    private static Task<string?> DefaultGroupIdAsync(AppDbContext db, string tenantId, CancellationToken ct) =>
        db.DefaultSecurityGroups.Where(d => d.TenantId == tenantId).Select(d => d.SecurityGroupId).FirstOrDefaultAsync(ct);

    /// <summary>Inside a write transaction: the default group of <paramref name="tenantId"/>, created if missing.</summary>
    private async Task<string?> EnsureDefaultGroupInAsync(AppDbContext db, Caller caller, string tenantId, List<ResourceEvent> after, CancellationToken ct)
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

        var now = Now();
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
        // Neutron's order (per ethertype: ingress from itself, then egress), which is the order the group
        // embeds them; each rule is a microsecond after the previous one so that order survives a reload.
        group.Rules.AddRange(
        [
            TemplateRule(group, tenantId, Directions.Ingress, Ethertypes.IPv4, group.Id, InsertionTime(now, 0)),
            TemplateRule(group, tenantId, Directions.Egress, Ethertypes.IPv4, null, InsertionTime(now, 1)),
            TemplateRule(group, tenantId, Directions.Ingress, Ethertypes.IPv6, group.Id, InsertionTime(now, 2)),
            TemplateRule(group, tenantId, Directions.Egress, Ethertypes.IPv6, null, InsertionTime(now, 3)),
        ]);
        db.SecurityGroups.Add(group);
        db.DefaultSecurityGroups.Add(new DefaultSecurityGroup { TenantId = tenantId, SecurityGroupId = group.Id });
        AuditLog.Record(db, caller, now, tenantId, "create", GroupResource, group.Id, null, AuditSnapshots.Of(group));
        await db.SaveChangesAsync(ct);
        after.Add(Event(caller, GroupResource, "create", EventPhase.After, group.Id, tenantId, group.Id, group.RevisionNumber,
            metadata: new Dictionary<string, object?> { ["is_default"] = true }));
        return group.Id;
    }

    /// <summary>
    /// The creation time of the <paramref name="index"/>-th row written in one operation: <paramref name="now"/> plus
    /// that many microseconds, so rules created together keep their creation order (shown timestamps are in seconds
    /// and <paramref name="now"/> is whole milliseconds, so they never change).
    /// </summary>
    private static DateTime InsertionTime(DateTime now, int index) => now.AddTicks(index * TimeSpan.TicksPerMicrosecond);

    /// <summary>A rule made from the group template: no description, no duplicate check, no rule events.</summary>
    private static SecurityGroupRule TemplateRule(SecurityGroup group, string tenantId, string direction, string ethertype, string? remoteGroupId, DateTime now)
    {
        var normalized = new NormalizedRule(group.Id, direction, ethertype, null, null, null, null, null, remoteGroupId, null, "");
        return new SecurityGroupRule
        {
            Id = SecurityGroupRule.NewId(),
            SecurityGroupId = group.Id,
            TenantId = tenantId,
            Direction = direction,
            Ethertype = ethertype,
            RemoteGroupId = remoteGroupId,
            Description = null,
            DuplicateKey = RuleKey.For(normalized).ToStorageString(),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private static void Touch(SecurityGroup group, Caller caller, DateTime now)
    {
        group.RevisionNumber++;
        group.UpdatedAt = now;
        group.UpdatedBy = caller.UserName;
    }

    /// <summary>Loads a group for a change: 404 when the caller cannot see it, 403 when they see it but may not change it.</summary>
    private static async Task<SecurityGroup> GroupForWriteAsync(AppDbContext db, Caller caller, string id, string action, CancellationToken ct)
    {
        var group = await db.SecurityGroups.FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null || !caller.CanRead(group.TenantId))
        {
            throw Fail(NeutronErrors.SecurityGroupNotFound(id));
        }
        if (!caller.CanWrite(group.TenantId))
        {
            throw Fail(NeutronErrors.PolicyNotAuthorized(action));
        }
        return group;
    }

    /// <summary>Runs before/precommit subscribers, turning a veto into the error Neutron gives for that event.</summary>
    private async Task PublishVetoableAsync(ResourceEvent e, Func<NeutronError, NeutronError>? wrap, CancellationToken ct)
    {
        try
        {
            await events.PublishAsync(e, ct);
        }
        catch (NeutronException veto) when (wrap is not null)
        {
            throw Fail(wrap(veto.Error));
        }
    }

    private static string PhaseName(EventPhase phase, string action) =>
        (phase == EventPhase.Before ? "before_" : "precommit_") + action;
}
