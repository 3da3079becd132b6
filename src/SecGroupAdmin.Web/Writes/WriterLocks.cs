using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Writes;

/// <summary>
/// The PostgreSQL advisory locks one write transaction of the <see cref="WritePipeline"/> takes: the writer lock of
/// every tenant whose rows it changes or whose rows its checks depend on (quota counts, duplicates, the default group,
/// revisions, a remote group that must exist), or the global writer lock for a write not scoped to tenants.
/// <list type="bullet">
/// <item>A tenant writer takes <see cref="GlobalKey"/> SHARED, then each tenant's key (<see cref="TenantKey"/>)
/// EXCLUSIVE in ascending key order. Every writer uses that one order, so two writers of (A, B) and (B, A) queue
/// behind each other instead of deadlocking.</item>
/// <item>A global writer takes <see cref="GlobalKey"/> EXCLUSIVE: it waits for every tenant writer and they for it.</item>
/// </list>
/// The tenants come from the request (its project) and, where they are only known from stored rows (a group's tenant
/// from its id), from a look-up run before the transaction, without a lock. The write then checks inside the
/// transaction, with <see cref="Require(string)"/>, that it holds the lock of every tenant it actually meets; if not
/// (a row changed between the look-up and the lock), the pipeline rolls back and runs the write again with those
/// tenants added. A group's, rule's or port's tenant never changes once written, so a look-up by id cannot go stale;
/// only the set of rows can change (a rule of another tenant newly referencing a group), and that is what the re-check
/// catches. On SQLite (one writer at a time anyway) every lock counts as held.
/// </summary>
public sealed class WriterLocks
{
    /// <summary>Key of the global writer lock (shared by tenant writers, exclusive for global writers).</summary>
    public const long GlobalKey = 0x5347_4144_4D31; // "SGADM1"

    private readonly HashSet<string> tenants = new(StringComparer.Ordinal);
    private readonly Func<AppDbContext, CancellationToken, Task<List<string>>>? lookup;
    private bool holdsAll;
    private HashSet<string> held = new(StringComparer.Ordinal);

    private WriterLocks(bool global, IEnumerable<string> known, Func<AppDbContext, CancellationToken, Task<List<string>>>? lookup)
    {
        IsGlobal = global;
        tenants.UnionWith(known.Where(t => !string.IsNullOrEmpty(t)));
        this.lookup = lookup;
    }

    /// <summary>True for a write that excludes every other writer.</summary>
    public bool IsGlobal { get; }

    /// <summary>The tenants whose locks the next attempt takes.</summary>
    public IReadOnlyCollection<string> Tenants => tenants;

    /// <summary>The global writer lock, exclusive: for writes not scoped to tenants.</summary>
    public static WriterLocks Global() => new(true, [], null);

    /// <summary>The locks of the given tenants.</summary>
    public static WriterLocks ForTenants(params IEnumerable<string> tenantIds) => new(false, tenantIds, null);

    /// <summary>
    /// The locks of <paramref name="tenantIds"/> and of the tenants <paramref name="find"/> reads from stored rows
    /// (run before the transaction, without a lock; checked inside it with <see cref="Require(string)"/>).
    /// </summary>
    public static WriterLocks Lookup(Func<AppDbContext, CancellationToken, Task<List<string>>> find, params IEnumerable<string> tenantIds) =>
        new(false, tenantIds, find);

    /// <summary>
    /// A write that only a CloudAdmin may make across tenants: anyone else may change only their own tenant, so that
    /// lock is enough (a write that turns out to need more is re-run by <see cref="Require(string)"/>); a CloudAdmin's
    /// tenants are looked up by <paramref name="find"/>.
    /// </summary>
    public static WriterLocks ForCaller(Caller caller, Func<AppDbContext, CancellationToken, Task<List<string>>> find, params IEnumerable<string> tenantIds) =>
        caller.IsAdmin ? Lookup(find, tenantIds) : ForTenants([caller.TenantId, .. tenantIds]);

    /// <summary>
    /// The stable 64-bit advisory lock key of a tenant: the first 8 bytes of the SHA-256 of its id (UTF-8). The same on
    /// every instance and every run. Two tenants whose keys collide (odds about n²/2⁶⁵) only serialise each other.
    /// </summary>
    public static long TenantKey(string tenantId) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(tenantId)));

    /// <summary>Inside the write: throws <see cref="WriterLocksMissingException"/> (the pipeline re-runs the write) unless this tenant's lock is held.</summary>
    public void Require(string tenantId)
    {
        if (!holdsAll && !IsGlobal && !held.Contains(tenantId))
        {
            throw new WriterLocksMissingException(tenantId);
        }
    }

    /// <summary>As <see cref="Require(string)"/> for several tenants, naming all that are missing at once.</summary>
    public void Require(IEnumerable<string> tenantIds)
    {
        if (holdsAll || IsGlobal)
        {
            return;
        }
        var missing = tenantIds.Where(t => !held.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new WriterLocksMissingException(missing);
        }
    }

    /// <summary>The SQL that takes the locks, one statement per lock, in the fixed order (run as one batch).</summary>
    internal string LockSql()
    {
        if (IsGlobal)
        {
            return $"SELECT pg_advisory_xact_lock({GlobalKey})";
        }
        var sql = new StringBuilder($"SELECT pg_advisory_xact_lock_shared({GlobalKey})");
        foreach (var key in tenants.Select(TenantKey).Distinct().Order())
        {
            sql.Append(";SELECT pg_advisory_xact_lock(").Append(key.ToString(CultureInfo.InvariantCulture)).Append(')');
        }
        return sql.ToString();
    }

    /// <summary>Before the first attempt on PostgreSQL: adds the looked-up tenants.</summary>
    internal async Task LookUpAsync(AppDbContext db, CancellationToken ct)
    {
        if (lookup is not null)
        {
            tenants.UnionWith((await lookup(db, ct)).Where(t => !string.IsNullOrEmpty(t)));
        }
    }

    /// <summary>After the lock statement ran: what <see cref="Require(string)"/> checks against.</summary>
    internal void Acquired() => held = new HashSet<string>(tenants, StringComparer.Ordinal);

    /// <summary>SQLite: one writer at a time, so every lock counts as held.</summary>
    internal void AcquiredAll() => holdsAll = true;

    /// <summary>After a <see cref="WriterLocksMissingException"/>: the next attempt takes these too.</summary>
    internal void Add(IEnumerable<string> tenantIds) => tenants.UnionWith(tenantIds);
}
