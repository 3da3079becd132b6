using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;

namespace SecGroupAdmin.Web.Writes;

/// <summary>
/// How every write of groups, rules, ports and quotas runs: one transaction per operation, writers serialised (the
/// SQLite in-process queue; on PostgreSQL the advisory locks of the tenants the write touches, see <see cref="WriterLocks"/>), before/precommit events inside it, the audit entries written
/// with the change (<see cref="Audit.AuditLog.Record"/> on the transaction's context), after-commit events only once it
/// committed, and one clock. <see cref="SecurityGroups.SecurityGroupService"/>, <see cref="Ports.PortService"/> and
/// <see cref="Quotas.QuotaService"/> all write through this one instance, so they share one writer queue.
/// </summary>
// CA1001: the queue's SemaphoreSlim never creates its wait handle (only WaitAsync/Release are used), so there is nothing
// to dispose; disposing it at shutdown would only turn a write still finishing into an ObjectDisposedException.
#pragma warning disable CA1001
public sealed class WritePipeline(
    IDbContextFactory<AppDbContext> dbFactory,
    ResourceEventBus events,
    TimeProvider clock)
{
    /// <summary>How many times a write runs at most when it keeps meeting tenants it had not locked.</summary>
    private const int MaxLockAttempts = 5;

    /// <summary>
    /// SQLite writers of this app queue here, in arrival order, before BEGIN IMMEDIATE. Without it, concurrent writers
    /// wait in SQLite's busy handler, which sleeps in growing steps (1, 2, 5, 10, 15, 20, 25 ms...) however soon the
    /// lock frees: with 8 concurrent API clients that sleeping, not work, made the slowest creates. A SQLite file
    /// belongs to one app instance, so an in-process queue is complete for the services' writes; other writers
    /// (the admin CLI, Identity) still meet the busy timeout.
    /// </summary>
    private readonly SemaphoreSlim sqliteWriters = new(1, 1);

    /// <summary>The time of a write, in whole milliseconds (UTC).</summary>
    public DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    /// <summary>
    /// The creation time of the <paramref name="index"/>-th row written in one operation: <paramref name="now"/> plus
    /// that many microseconds, so rules created together keep their creation order (shown timestamps are in seconds
    /// and <paramref name="now"/> is whole milliseconds, so they never change).
    /// </summary>
    public static DateTime InsertionTime(DateTime now, int index) => now.AddTicks(index * TimeSpan.TicksPerMicrosecond);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction holding the global writer lock exclusively (see
    /// <see cref="WriterLocks.Global"/>): for writes not scoped to tenants. Tenant-scoped writes use the overload with
    /// <see cref="WriterLocks"/>.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<AppDbContext, List<ResourceEvent>, Task<T>> work, CancellationToken ct) =>
        WriteAsync(WriterLocks.Global(), work, ct);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction holding <paramref name="locks"/>; the after-commit events it
    /// collects are published only if it committed. When the work meets a tenant whose lock it does not hold
    /// (<see cref="WriterLocks.Require(string)"/>), the attempt is rolled back and the work runs again, on a fresh
    /// context, with that tenant locked too.
    /// </summary>
    public async Task<T> WriteAsync<T>(WriterLocks locks, Func<AppDbContext, List<ResourceEvent>, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var after = new List<ResourceEvent>();
            T result;
            try
            {
                result = await AttemptAsync(locks, attempt, after, work, ct);
            }
            catch (WriterLocksMissingException missing) when (attempt < MaxLockAttempts)
            {
                // The attempt's transaction is rolled back and its context disposed: nothing of it stays.
                WriterLockMetrics.RecordRetry();
                locks.Add(missing.TenantIds);
                continue;
            }
            Operations.AppMetrics.RecordCommitted(after);
            await events.PublishAfterAsync(after);
            return result;
        }
    }

    private async Task<T> AttemptAsync<T>(WriterLocks locks, int attempt, List<ResourceEvent> after,
        Func<AppDbContext, List<ResourceEvent>, Task<T>> work, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A failure anywhere rolls back the whole transaction, so SaveChanges need not wrap itself in a savepoint.
        db.Database.AutoSavepointsEnabled = false;
        var queued = db.Database.IsSqlite();
        if (queued)
        {
            await sqliteWriters.WaitAsync(ct);
            locks.AcquiredAll();
        }
        else if (attempt == 1)
        {
            // Before the transaction and without a lock: which tenants the stored rows name (re-checked inside).
            await locks.LookUpAsync(db, ct);
        }
        try
        {
            // On SQLite this is BEGIN IMMEDIATE: the write lock is taken up front, never upgraded from a read.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!queued)
            {
                await LockAsync(db, locks, ct);
            }
            var result = await work(db, after);
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            // After the commit or the rollback (the transaction is disposed first), before the after-commit events.
            if (queued)
            {
                sqliteWriters.Release();
            }
        }
    }

    /// <summary>
    /// PostgreSQL (READ COMMITTED) would let two transactions both pass the quota check, or both read a group's revision,
    /// before either commits. So every write transaction first takes its transaction-scoped advisory locks
    /// (<see cref="WriterLocks"/>), which every app instance shares: writers of one tenant queue up exactly as SQLite's
    /// BEGIN IMMEDIATE makes them, the checks read committed data, writers of other tenants go on, and the locks are
    /// released by COMMIT or ROLLBACK (also when the connection drops). Reads never wait. One round trip for all locks.
    /// Also for writers with a transaction of their own (<see cref="Tenancy.TenantAdministrationService"/>); nothing on SQLite.
    /// </summary>
    public static async Task LockAsync(AppDbContext db, WriterLocks locks, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            locks.AcquiredAll();
            return;
        }
        var started = Stopwatch.GetTimestamp();
        await db.Database.ExecuteSqlRawAsync(locks.LockSql(), ct);
        WriterLockMetrics.RecordWait(Stopwatch.GetElapsedTime(started), locks.IsGlobal);
        locks.Acquired();
    }

    /// <summary>An event about a change made by <paramref name="caller"/>.</summary>
    public static ResourceEvent Event(Caller caller, string resource, string action, EventPhase phase, string id, string tenantId,
        string? groupId, long? revision, object? state = null, IReadOnlyDictionary<string, object?>? metadata = null) =>
        new(resource, action, phase, id, tenantId, groupId, caller.UserId, caller.UserName, revision, state, metadata);

    /// <summary>Runs the before or precommit subscribers of <paramref name="e"/>; a veto propagates as it is.</summary>
    public Task PublishAsync(ResourceEvent e, CancellationToken ct) => events.PublishAsync(e, ct);

    /// <summary>Runs before/precommit subscribers, turning a veto into the error Neutron gives for that event.</summary>
    public async Task PublishVetoableAsync(ResourceEvent e, Func<NeutronError, NeutronError>? wrap, CancellationToken ct)
    {
        try
        {
            await events.PublishAsync(e, ct);
        }
        catch (NeutronException veto) when (wrap is not null)
        {
            throw new NeutronException(wrap(veto.Error));
        }
    }
}
#pragma warning restore CA1001
