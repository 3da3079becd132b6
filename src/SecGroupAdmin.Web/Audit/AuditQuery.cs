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
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    /// <summary>The most entries one export returns.</summary>
    public const int MaxExport = 100_000;

    /// <summary>True for operators, or for an admin of <paramref name="tenantId"/> (null = all tenants: operators only).</summary>
    public static bool CanView(Caller caller, string? tenantId) =>
        caller.IsCloudAdmin || caller.IsAuditor ||
        (!string.IsNullOrEmpty(tenantId) && tenantId == caller.TenantId && caller.TenantRole == TenantRoles.Admin);

    /// <summary>The entries the caller may see that match the filter; refuses callers who may see none of them.</summary>
    public static IQueryable<AuditEntry> Visible(AppDbContext db, Caller caller, AuditFilter filter)
    {
        var tenantId = Blank(filter.TenantId);
        if (caller.IsCloudAdmin || caller.IsAuditor)
        {
            return Apply(db.AuditEntries.AsNoTracking(), filter with { TenantId = tenantId });
        }
        // A tenant admin: their own tenant only; asking for another tenant is refused, not silently narrowed.
        if (!CanView(caller, tenantId ?? caller.TenantId))
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized("get_audit_log"));
        }
        return Apply(db.AuditEntries.AsNoTracking(), filter with { TenantId = caller.TenantId });
    }

    /// <summary>One page (1-based) of matching entries, newest first, and the total count.</summary>
    public async Task<AuditPage> ListAsync(Caller caller, AuditFilter filter, int page = 1, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Visible(db, caller, filter);
        var total = await query.CountAsync(ct);
        var items = await Project(db, Newest(query).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new AuditPage(items, total, page, pageSize);
    }

    /// <summary>Every matching entry (up to <paramref name="max"/>), newest first, for CSV and JSON export.</summary>
    public async Task<List<AuditRow>> ExportAsync(Caller caller, AuditFilter filter, int max = MaxExport, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db, Newest(Visible(db, caller, filter)).Take(max)).ToListAsync(ct);
    }

    /// <summary>Actor names seen in the entries the caller may see, for the actor filter's suggestions.</summary>
    public async Task<List<string>> ActorsAsync(Caller caller, string? tenantId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db, caller, new AuditFilter(TenantId: tenantId))
            .Select(a => a.ActorName).Distinct().OrderBy(n => n).Take(200).ToListAsync(ct);
    }

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> q) => q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);

    private static IQueryable<AuditRow> Project(AppDbContext db, IQueryable<AuditEntry> q) =>
        q.Select(a => new AuditRow(
            a.Id, a.At, a.ActorUserId, a.ActorName, a.TenantId,
            db.Tenants.Where(t => t.Id == a.TenantId).Select(t => t.Name).FirstOrDefault(),
            a.Action, a.ResourceType, a.ResourceId, a.BeforeJson, a.AfterJson, a.Source, a.RequestId));

    private static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> q, AuditFilter f)
    {
        if (Blank(f.TenantId) is { } tenant)
        {
            q = q.Where(a => a.TenantId == tenant);
        }
        if (Blank(f.Actor) is { } actor)
        {
            var lower = actor.ToLowerInvariant();
            // EF Core translates ToLower() and Contains(string) to SQL (lower(), LIKE/instr); the culture and
            // StringComparison overloads the analyzers ask for do not translate.
#pragma warning disable CA1304, CA1311, CA1862
            q = q.Where(a => a.ActorUserId == actor || a.ActorName.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (Blank(f.ResourceType) is { } type)
        {
            q = q.Where(a => a.ResourceType == type);
        }
        if (Blank(f.ResourceId) is { } id)
        {
            q = q.Where(a => a.ResourceId == id);
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

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DateTime AsUtc(DateTime d) => d.Kind switch
    {
        DateTimeKind.Utc => d,
        DateTimeKind.Local => d.ToUniversalTime(),
        _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
    };
}
