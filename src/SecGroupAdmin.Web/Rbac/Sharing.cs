using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Data.Rbac;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Rbac;

/// <summary>
/// THE place that decides what is shared with a tenant: an <c>access_as_shared</c> RBAC policy on the object whose target
/// is the tenant or <c>*</c>. Reads (<see cref="Visible"/>, the <c>shared</c> attribute and filter) and writes (a port
/// using a group, a rule using a remote group or address group, the refusals of a receiving tenant's changes) ask here.
/// </summary>
public static class Sharing
{
    /// <summary>
    /// THE predicate: the policy shares an object of <paramref name="objectType"/> with <paramref name="tenantId"/>
    /// (<c>access_as_shared</c>, target the tenant or <c>*</c>). Composed into every read below, where it becomes an
    /// EXISTS (or a WHERE) on the policy indexes.
    /// <para>
    /// Written so that the lists find the ids shared with a tenant by seeking the target index
    /// (TargetTenant, ObjectType, Action, ObjectId), which covers it, twice: the target is an IN of the two, not an OR.
    /// With the OR, or without the action in that index, SQLite walked every policy of the object type through the
    /// object index.
    /// </para>
    /// </summary>
    public static Expression<Func<RbacPolicy, bool>> SharesWith(string objectType, string tenantId) =>
        p => new[] { tenantId, RbacObjectTypes.Everyone }.Contains(p.TargetTenant) && p.ObjectType == objectType &&
             p.Action == RbacObjectTypes.AccessAsShared;

    /// <summary>Groups shared with <paramref name="tenantId"/> (as a filter on groups).</summary>
    public static Expression<Func<SecurityGroup, bool>> GroupSharedWith(AppDbContext db, string tenantId)
    {
        var shares = SharesWith(RbacObjectTypes.SecurityGroup, tenantId);
        return g => db.RbacPolicies.Where(shares).Any(p => p.ObjectId == g.Id);
    }

    /// <summary>Address groups shared with <paramref name="tenantId"/>.</summary>
    public static Expression<Func<AddressGroup, bool>> AddressGroupSharedWith(AppDbContext db, string tenantId)
    {
        var shares = SharesWith(RbacObjectTypes.AddressGroup, tenantId);
        return g => db.RbacPolicies.Where(shares).Any(p => p.ObjectId == g.Id);
    }

    /// <summary>The tenant's own groups and those shared with it.</summary>
    public static Expression<Func<SecurityGroup, bool>> OwnOrSharedGroup(AppDbContext db, string tenantId)
    {
        var shares = SharesWith(RbacObjectTypes.SecurityGroup, tenantId);
        return g => g.TenantId == tenantId || db.RbacPolicies.Where(shares).Any(p => p.ObjectId == g.Id);
    }

    /// <summary>
    /// Of <paramref name="visible"/>, the tenant's own groups and those shared with it: the rows of
    /// <see cref="OwnOrSharedGroup"/>, in the shape a list reads without going through every group: the own ones by the
    /// tenant's index, UNION ALL the other tenants' ones whose id the policies (found by their index, <see cref="SharesWith"/>)
    /// name. The OR of the two made SQLite and PostgreSQL scan the groups table.
    /// </summary>
    public static IQueryable<SecurityGroup> OwnAndSharedGroups(AppDbContext db, IQueryable<SecurityGroup> visible, string tenantId)
    {
        var shared = db.RbacPolicies.Where(SharesWith(RbacObjectTypes.SecurityGroup, tenantId)).Select(p => p.ObjectId);
        return visible.Where(g => g.TenantId == tenantId).Concat(visible.Where(g => g.TenantId != tenantId && shared.Contains(g.Id)));
    }

    /// <summary>The address groups' counterpart of <see cref="OwnAndSharedGroups"/>.</summary>
    public static IQueryable<AddressGroup> OwnAndSharedAddressGroups(AppDbContext db, IQueryable<AddressGroup> visible, string tenantId)
    {
        var shared = db.RbacPolicies.Where(SharesWith(RbacObjectTypes.AddressGroup, tenantId)).Select(p => p.ObjectId);
        return visible.Where(g => g.TenantId == tenantId).Concat(visible.Where(g => g.TenantId != tenantId && shared.Contains(g.Id)));
    }

    /// <summary>The tenant's own address groups and those shared with it.</summary>
    public static Expression<Func<AddressGroup, bool>> OwnOrSharedAddressGroup(AppDbContext db, string tenantId)
    {
        var shares = SharesWith(RbacObjectTypes.AddressGroup, tenantId);
        return g => g.TenantId == tenantId || db.RbacPolicies.Where(shares).Any(p => p.ObjectId == g.Id);
    }

    /// <summary>Whether the object is shared with <paramref name="tenantId"/> (read in the caller's transaction).</summary>
    public static Task<bool> IsSharedWithAsync(AppDbContext db, string objectType, string objectId, string tenantId, CancellationToken ct) =>
        string.IsNullOrEmpty(tenantId)
            ? Task.FromResult(false)
            : db.RbacPolicies.Where(SharesWith(objectType, tenantId)).AnyAsync(p => p.ObjectId == objectId, ct);

    /// <summary>
    /// Whether a caller who may not read <paramref name="objectId"/>'s tenant sees it through sharing: then a change they
    /// may not make is refused (403) rather than "not found".
    /// </summary>
    public static Task<bool> IsSharedWithCallerAsync(AppDbContext db, Caller caller, string objectType, string objectId, CancellationToken ct) =>
        caller.TenantRole is null ? Task.FromResult(false) : IsSharedWithAsync(db, objectType, objectId, caller.TenantId, ct);

    /// <summary>Of <paramref name="groupIds"/>, those shared with the caller's tenant: their <c>shared</c> is true.</summary>
    public static async Task<HashSet<string>> SharedGroupIdsAsync(AppDbContext db, Caller caller, IReadOnlyCollection<string> groupIds, CancellationToken ct)
    {
        if (!caller.ReceivesShares || groupIds.Count == 0)
        {
            return [];
        }
        var tenant = caller.TenantId;
        var ids = groupIds.ToList();
        var shared = await db.RbacPolicies.AsNoTracking()
            .Where(SharesWith(RbacObjectTypes.SecurityGroup, tenant)).Where(p => ids.Contains(p.ObjectId))
            .Select(p => p.ObjectId).ToListAsync(ct);
        return new HashSet<string>(shared, StringComparer.Ordinal);
    }

    /// <summary>Sets <see cref="SecurityGroup.Shared"/> on <paramref name="groups"/> for the caller.</summary>
    public static async Task FillSharedAsync(AppDbContext db, Caller caller, IReadOnlyCollection<SecurityGroup> groups, CancellationToken ct)
    {
        var shared = await SharedGroupIdsAsync(db, caller, [.. groups.Select(g => g.Id)], ct);
        foreach (var group in groups)
        {
            group.Shared = shared.Contains(group.Id);
        }
    }
}
