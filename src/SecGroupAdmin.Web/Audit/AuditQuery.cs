using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Audit;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Audit;

/// <summary>
/// The read side of the audit log. CloudAdmins and Auditors see every tenant's entries; an admin of a tenant
/// (the <see cref="Caller"/>'s tenant, role admin) sees that tenant's entries; everyone else is refused with
/// PolicyNotAuthorized. Pages and the export endpoints both come through here.
/// </summary>
public sealed class AuditQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>A page's rows unless the viewer asks for more (50 or 100): what fits a screen, and what one visit renders.</summary>
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 500;
    /// <summary>The most entries one export returns.</summary>
    public const int MaxExport = 100_000;

    /// <summary>True for operators, or for an admin of <paramref name="tenantId"/> (null = all tenants: operators only).</summary>
    public static bool CanView(Caller caller, string? tenantId) =>
        caller.IsCloudAdmin || caller.IsAuditor ||
        (!string.IsNullOrEmpty(tenantId) && tenantId == caller.TenantId && caller.TenantRole == TenantRoles.Admin);

    /// <summary>
    /// The most entries a page view counts. A count walks every matching index entry, so an unbounded count of
    /// 1,000,000 entries would cost the page far more than its 50 rows: past this many the page says "10,000+" and
    /// offers the first <see cref="CountCap"/> entries by page number (narrow the dates or filters to go further back).
    /// </summary>
    public const int CountCap = 10_000;

    /// <summary>The entries the caller may see that match the filter; refuses callers who may see none of them.</summary>
    public static async Task<IQueryable<AuditEntry>> VisibleAsync(AppDbContext db, Caller caller, AuditFilter filter, CancellationToken ct = default)
    {
        var tenantId = Blank(filter.TenantId);
        if (!(caller.IsCloudAdmin || caller.IsAuditor))
        {
            // A tenant admin: their own tenant only; asking for another tenant is refused, not silently narrowed.
            if (!CanView(caller, tenantId ?? caller.TenantId))
            {
                throw new NeutronException(NeutronErrors.PolicyNotAuthorized("get_audit_log"));
            }
            tenantId = caller.TenantId;
        }
        var actorIds = Blank(filter.Actor) is { } actor ? await ActorIdsAsync(db, actor, ct) : null;
        return Apply(db.AuditEntries.AsNoTracking(), filter with { TenantId = tenantId }, actorIds);
    }

    /// <summary>
    /// One page (1-based) of matching entries, newest first, and their number counted up to <see cref="CountCap"/>
    /// (see <see cref="AuditPage.TotalIsCapped"/>); a page past the cap shows the last page within it.
    /// </summary>
    public async Task<AuditPage> ListAsync(Caller caller, AuditFilter filter, int page = 1, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Clamp(page, 1, (CountCap + pageSize - 1) / pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = await VisibleAsync(db, caller, filter, ct);
        var counted = await CountQuery(query).CountAsync(ct);
        var items = await PageQuery(db, query, (page - 1) * pageSize, pageSize).ToListAsync(ct);
        return new AuditPage(items, Math.Min(counted, CountCap), page, pageSize, counted > CountCap);
    }

    /// <summary>
    /// One page as <see cref="ListAsync"/> reads it, without counting: a page that is not full (or an empty first page)
    /// knows the total; a full one comes back with <see cref="AuditPage.Counted"/> false, and <see cref="CountAsync"/>
    /// gives the number. A view shows the rows first and the count when it comes: the count walks up to
    /// <see cref="CountCap"/> index entries, which on PostgreSQL is most of the time of a first page.
    /// </summary>
    public async Task<AuditPage> PageAsync(Caller caller, AuditFilter filter, int page = 1, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Clamp(page, 1, (CountCap + pageSize - 1) / pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = await VisibleAsync(db, caller, filter, ct);
        var skip = (page - 1) * pageSize;
        var items = await PageQuery(db, query, skip, pageSize).ToListAsync(ct);
        var known = items.Count < pageSize && (items.Count > 0 || page == 1);
        return new AuditPage(items, skip + items.Count, page, pageSize, TotalIsCapped: false, Counted: known);
    }

    /// <summary>The number of matching entries, counted up to <see cref="CountCap"/>: the page's total and whether it was capped.</summary>
    public async Task<(int Total, bool Capped)> CountAsync(Caller caller, AuditFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counted = await CountQuery(await VisibleAsync(db, caller, filter, ct)).CountAsync(ct);
        return (Math.Min(counted, CountCap), counted > CountCap);
    }

    /// <summary>Every matching entry (up to <paramref name="max"/>), newest first, for CSV and JSON export.</summary>
    public async Task<List<AuditRow>> ExportAsync(Caller caller, AuditFilter filter, int max = MaxExport, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db, Newest(await VisibleAsync(db, caller, filter, ct)).Take(max)).ToListAsync(ct);
    }

    /// <summary>Actor names seen in the entries the caller may see, for the actor filter's suggestions.</summary>
    public async Task<List<string>> ActorsAsync(Caller caller, string? tenantId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (await VisibleAsync(db, caller, new AuditFilter(TenantId: tenantId), ct))
            .Select(a => a.ActorName).Distinct().OrderBy(n => n).Take(200).ToListAsync(ct);
    }

    /// <summary>
    /// The capped count's inner query: the ids of the newest <see cref="CountCap"/> + 1 matching entries (in the page's
    /// order, so it walks the same index as the page and stops at the cap; without an order EF Core warns that the cap
    /// picks arbitrary rows).
    /// </summary>
    internal static IQueryable<long> CountQuery(IQueryable<AuditEntry> visible) => Newest(visible).Select(a => a.Id).Take(CountCap + 1);

    /// <summary>One page of <paramref name="visible"/>, newest first, as rows.</summary>
    internal static IQueryable<AuditRow> PageQuery(AppDbContext db, IQueryable<AuditEntry> visible, int skip, int take) =>
        Project(db, Newest(visible).Skip(skip).Take(take));

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> q) => q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);

    private static IQueryable<AuditRow> Project(AppDbContext db, IQueryable<AuditEntry> q) =>
        q.Select(a => new AuditRow(
            a.Id, a.At, a.ActorUserId, a.ActorName, a.TenantId,
            db.Tenants.Where(t => t.Id == a.TenantId).Select(t => t.Name).FirstOrDefault(),
            a.Action, a.ResourceType, a.ResourceId, a.BeforeJson, a.AfterJson, a.Source, a.RequestId,
            a.SecurityGroupId,
            db.SecurityGroups.Where(g => g.Id == a.SecurityGroupId).Select(g => g.Name).FirstOrDefault(),
            a.ChangeSetId));

    private static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> q, AuditFilter f, List<string>? actorIds)
    {
        if (Blank(f.TenantId) is { } tenant)
        {
            q = q.Where(a => a.TenantId == tenant);
        }
        if (actorIds is not null)
        {
            q = q.Where(a => actorIds.Contains(a.ActorUserId));
        }
        if (Blank(f.ResourceType) is { } type)
        {
            q = q.Where(a => a.ResourceType == type);
        }
        if (Blank(f.ResourceId) is { } id)
        {
            q = q.Where(a => a.ResourceId == id);
        }
        if (Blank(f.SecurityGroupId) is { } group)
        {
            q = q.Where(a => a.SecurityGroupId == group);
        }
        if (Blank(f.Action) is { } action)
        {
            q = q.Where(a => a.Action == action);
        }
        if (Blank(f.Source) is { } source)
        {
            q = q.Where(a => a.Source == source);
        }
        if (f.From is { } from)
        {
            var utc = AsUtc(from);
            q = q.Where(a => a.At >= utc);
        }
        if (f.To is { } to)
        {
            var utc = AsUtc(to);
            q = q.Where(a => a.At < utc);
        }
        return q;
    }

    /// <summary>
    /// The actor filter as user ids, so that it is an index seek on (actor, time) and not a text search through every
    /// entry: the text itself as an id, the ids of users whose name contains it (case-insensitive; at most
    /// <see cref="MaxActorMatches"/>, by name), and the in-process operators ("admin CLI"…) when their name contains it.
    /// An entry is matched by the user's current name (a renamed user is found under the new name).
    /// </summary>
    private static async Task<List<string>> ActorIdsAsync(AppDbContext db, string actor, CancellationToken ct)
    {
        var upper = actor.ToUpperInvariant();
        var ids = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName!.Contains(upper))
            .OrderBy(u => u.NormalizedUserName).Select(u => u.Id).Take(MaxActorMatches).ToListAsync(ct);
        ids.Add(actor);
        foreach (var source in Enum.GetValues<ChangeSource>())
        {
            var system = Caller.SystemOperator(source);
            if (system.UserName.Contains(actor, StringComparison.OrdinalIgnoreCase))
            {
                ids.Add(system.UserId);
            }
        }
        return [.. ids.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The most users one actor filter matches by name.</summary>
    public const int MaxActorMatches = 100;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DateTime AsUtc(DateTime d) => d.Kind switch
    {
        DateTimeKind.Utc => d,
        DateTimeKind.Local => d.ToUniversalTime(),
        _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
    };
}
