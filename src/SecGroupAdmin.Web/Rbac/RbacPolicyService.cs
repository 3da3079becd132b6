using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Rbac;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.Rbac;

/// <summary>
/// The only write path for RBAC policies (sharing a security group or an address group with another project, or with
/// every project), and their reads. A project sees and changes the policies it owns, a CloudAdmin all of them; sharing
/// with <c>*</c> is a CloudAdmin's. Taking a share away is refused while the target project still uses the object (a
/// port with the group, a rule with the address group) and nothing else grants it. Every change is audited under the
/// object's tenant and published (the live pages of both tenants refresh).
/// </summary>
public sealed class RbacPolicyService(IDbContextFactory<AppDbContext> dbFactory, WritePipeline writes)
{
    /// <summary>The policies the caller may see: their project's own, every one for a CloudAdmin (or Auditor).</summary>
    public static IQueryable<RbacPolicy> Visible(AppDbContext db, Caller caller) =>
        caller.IsAdmin || caller.IsAuditor
            ? db.RbacPolicies
            : caller.TenantRole is null ? db.RbacPolicies.Where(_ => false) : db.RbacPolicies.Where(p => p.TenantId == caller.TenantId);

    /// <summary>One policy; 404 <c>RbacPolicyNotFound</c> when missing or not the caller's (typed only for its target, as the reference).</summary>
    public async Task<RbacPolicy> GetAsync(Caller caller, string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var policy = await db.RbacPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return policy is not null && CanSee(caller, policy) ? policy : throw new NeutronException(NotFound(caller, id, policy));
    }

    /// <summary>The policies of one object the caller may see (the share dialog), oldest first.</summary>
    public async Task<List<RbacPolicy>> ForObjectAsync(Caller caller, string objectType, string objectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db, caller).AsNoTracking().Where(p => p.ObjectType == objectType && p.ObjectId == objectId)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
    }

    /// <summary>Shares an object: checked in the reference's order, then written with its audit entry, all or nothing.</summary>
    public async Task<RbacPolicy> CreateAsync(Caller caller, RbacPolicyCreateRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var project = WriteChecks.ResolveProject(caller, request.ProjectId);
        var target = Target(request.TargetTenant);
        if (target == RbacObjectTypes.Everyone && !caller.IsAdmin)
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorizedRule(
                "((((rule:create_rbac_policy and rule:create_rbac_policy:object_type) and rule:create_rbac_policy:object_id) and " +
                "rule:create_rbac_policy:target_tenant) and rule:create_rbac_policy:action)"));
        }
        if (!caller.CanWrite(project))
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized("create_rbac_policy"));
        }
        CheckTypeAndAction(request.ObjectType, request.Action);
        var locks = WriterLocks.Lookup(ObjectTenant(request.ObjectType, request.ObjectId), project);
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            var owner = await OwnerAsync(db, request.ObjectType, request.ObjectId, ct);
            if (owner is null || (!caller.IsAdmin && owner != project))
            {
                throw new NeutronException(NeutronErrors.InvalidInput("Only admins can manipulate policies on objects they do not own"));
            }
            locks.Require(owner);
            await CheckTargetExistsAsync(db, target, ct);
            if (await db.RbacPolicies.AnyAsync(p => p.ObjectType == request.ObjectType && p.ObjectId == request.ObjectId &&
                                                    p.Action == request.Action && p.TargetTenant == target, ct))
            {
                throw new NeutronException(NeutronErrors.DuplicateRbacPolicy());
            }
            var now = writes.Now();
            var policy = new RbacPolicy
            {
                TenantId = project,
                ObjectType = request.ObjectType,
                ObjectId = request.ObjectId,
                Action = request.Action,
                TargetTenant = target,
                CreatedAt = now,
            };
            db.RbacPolicies.Add(policy);
            AuditLog.Record(db, caller, now, owner, ResourceActions.Create, ResourceTypes.RbacPolicy, policy.Id, null, Snapshot(policy));
            await db.SaveChangesAsync(ct);
            after.AddRange(Published(caller, ResourceActions.Create, policy, owner));
            return policy;
        }, ct);
    }

    /// <summary>Changes a policy's target (its only writable attribute); refused while the old target uses the object.</summary>
    public async Task<RbacPolicy> UpdateAsync(Caller caller, string id, InputValue targetTenant, CancellationToken ct = default)
    {
        var target = Target(targetTenant);
        var locks = WriterLocks.Lookup(PolicyObjectTenant(id), caller.TenantId);
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            var policy = await db.RbacPolicies.FirstOrDefaultAsync(p => p.Id == id, ct);
            if (policy is null || !CanSee(caller, policy))
            {
                throw new NeutronException(NotFound(caller, id, policy));
            }
            if (target == RbacObjectTypes.Everyone && !caller.IsAdmin)
            {
                throw new NeutronException(NeutronErrors.PolicyNotAuthorizedRule("(rule:update_rbac_policy and rule:update_rbac_policy:target_tenant)"));
            }
            if (!caller.CanWrite(policy.TenantId))
            {
                throw new NeutronException(NeutronErrors.PolicyNotAuthorized("update_rbac_policy"));
            }
            if (target == policy.TargetTenant)
            {
                return policy;
            }
            var owner = await OwnerAsync(db, policy.ObjectType, policy.ObjectId, ct) ?? policy.TenantId;
            locks.Require(owner);
            await CheckTargetExistsAsync(db, target, ct);
            await CheckNotInUseAsync(db, policy, owner, ct);
            if (await db.RbacPolicies.AnyAsync(p => p.ObjectType == policy.ObjectType && p.ObjectId == policy.ObjectId &&
                                                    p.Action == policy.Action && p.TargetTenant == target, ct))
            {
                throw new NeutronException(NeutronErrors.DuplicateRbacPolicy());
            }
            var before = Snapshot(policy);
            var previousTarget = policy.TargetTenant;
            policy.TargetTenant = target;
            var now = writes.Now();
            AuditLog.Record(db, caller, now, owner, ResourceActions.Update, ResourceTypes.RbacPolicy, id, before, Snapshot(policy));
            await db.SaveChangesAsync(ct);
            after.AddRange(Published(caller, ResourceActions.Update, policy, owner));
            after.AddRange(Published(caller, ResourceActions.Update, policy, owner, previousTarget)); // the old target loses it
            return policy;
        }, ct);
    }

    /// <summary>Takes a share away; 409 <c>RbacPolicyInUse</c> while the target uses the object and nothing else grants it.</summary>
    public async Task DeleteAsync(Caller caller, string id, CancellationToken ct = default)
    {
        var locks = WriterLocks.Lookup(PolicyObjectTenant(id), caller.TenantId);
        await writes.WriteAsync(locks, async (db, after) =>
        {
            var policy = await db.RbacPolicies.FirstOrDefaultAsync(p => p.Id == id, ct);
            if (policy is null || !CanSee(caller, policy))
            {
                throw new NeutronException(NeutronErrors.RbacPolicyNotFound(id)); // a delete never names the type
            }
            if (!caller.CanWrite(policy.TenantId))
            {
                throw new NeutronException(NeutronErrors.PolicyNotAuthorized("delete_rbac_policy"));
            }
            var owner = await OwnerAsync(db, policy.ObjectType, policy.ObjectId, ct) ?? policy.TenantId;
            locks.Require(owner);
            await CheckNotInUseAsync(db, policy, owner, ct);
            var now = writes.Now();
            AuditLog.Record(db, caller, now, owner, ResourceActions.Delete, ResourceTypes.RbacPolicy, id, Snapshot(policy), null);
            db.RbacPolicies.Remove(policy);
            await db.SaveChangesAsync(ct);
            after.AddRange(Published(caller, ResourceActions.Delete, policy, owner));
            return true;
        }, ct);
    }

    private static bool CanSee(Caller caller, RbacPolicy policy) =>
        caller.IsAdmin || caller.IsAuditor || (caller.TenantRole is not null && policy.TenantId == caller.TenantId);

    /// <summary>As the reference: the type is named to the policy's target, "unknown" to anyone else.</summary>
    private static NeutronError NotFound(Caller caller, string id, RbacPolicy? policy) =>
        NeutronErrors.RbacPolicyNotFound(id, policy is not null && caller.TenantRole is not null && policy.TargetTenant == caller.TenantId ? policy.ObjectType : null);

    /// <summary><c>target_tenant</c>: a string of at most 255 characters (then checked to be <c>*</c> or a project).</summary>
    private static string Target(InputValue value)
    {
        if (value.Kind != InputKind.String)
        {
            throw new NeutronException(NeutronErrors.InvalidStringInput("target_tenant", value.Display));
        }
        var text = value.Text ?? "";
        if (text.Length > 255)
        {
            throw new NeutronException(NeutronErrors.InvalidInputFor("target_tenant", $"'{text}' exceeds maximum length of 255"));
        }
        return text;
    }

    /// <summary>
    /// The target is <c>*</c> or an existing project (newer Neutron's check, bug 2161653: Zed stored any string, and a name
    /// or a typo silently shared with nobody).
    /// </summary>
    private static async Task CheckTargetExistsAsync(AppDbContext db, string target, CancellationToken ct)
    {
        if (target != RbacObjectTypes.Everyone && !await db.Tenants.AnyAsync(t => t.Id == target, ct))
        {
            throw new NeutronException(NeutronErrors.InvalidInputFor("target_tenant", $"'{target}' is not '*' or the id of a project"));
        }
    }

    private static void CheckTypeAndAction(string objectType, string action)
    {
        if (!RbacObjectTypes.IsShareable(objectType))
        {
            // Only security and address groups live here: other Neutron types (network, qos_policy, …) are unknown.
            throw new NeutronException(NeutronErrors.InvalidInput($"'{objectType}' is not a valid RBAC object type"));
        }
        if (action != RbacObjectTypes.AccessAsShared)
        {
            throw new NeutronException(NeutronErrors.InvalidActionForType(action, objectType));
        }
    }

    /// <summary>The object's project, or null when it does not exist.</summary>
    private static Task<string?> OwnerAsync(AppDbContext db, string objectType, string objectId, CancellationToken ct) =>
        objectType == RbacObjectTypes.SecurityGroup
            ? db.SecurityGroups.Where(g => g.Id == objectId).Select(g => (string?)g.TenantId).FirstOrDefaultAsync(ct)
            : db.AddressGroups.Where(g => g.Id == objectId).Select(g => (string?)g.TenantId).FirstOrDefaultAsync(ct);

    private static Func<AppDbContext, CancellationToken, Task<List<string>>> ObjectTenant(string objectType, string objectId) =>
        async (db, ct) => RbacObjectTypes.IsShareable(objectType) && await OwnerAsync(db, objectType, objectId, ct) is { } owner ? [owner] : [];

    private static Func<AppDbContext, CancellationToken, Task<List<string>>> PolicyObjectTenant(string policyId) =>
        async (db, ct) => await db.RbacPolicies.AsNoTracking().Where(p => p.Id == policyId).Select(p => new { p.ObjectType, p.ObjectId, p.TenantId })
            .FirstOrDefaultAsync(ct) is { } p && await OwnerAsync(db, p.ObjectType, p.ObjectId, ct) is { } owner ? [owner, p.TenantId] : [];

    /// <summary>
    /// Refuses taking <paramref name="policy"/>'s share away while a project it grants still uses the object — a port with
    /// the group, a rule with the address group — and no other policy grants that project the object. The object's tenant
    /// lock is held: a new use needs the share, read under the same lock.
    /// </summary>
    private static async Task CheckNotInUseAsync(AppDbContext db, RbacPolicy policy, string owner, CancellationToken ct)
    {
        var others = await db.RbacPolicies.AsNoTracking()
            .Where(p => p.Id != policy.Id && p.ObjectType == policy.ObjectType && p.ObjectId == policy.ObjectId && p.Action == policy.Action)
            .Select(p => p.TargetTenant).ToListAsync(ct);
        if (others.Contains(RbacObjectTypes.Everyone))
        {
            return;
        }
        var everyone = policy.TargetTenant == RbacObjectTypes.Everyone;
        var target = policy.TargetTenant;
        var users = policy.ObjectType == RbacObjectTypes.SecurityGroup
            ? db.Ports.Where(p => p.TenantId != owner && (everyone || p.TenantId == target) && p.SecurityGroups.Any(g => g.Id == policy.ObjectId))
                .Select(p => p.TenantId)
            : db.SecurityGroupRules.Where(r => r.GroupTenantId != owner && (everyone || r.GroupTenantId == target) && r.RemoteAddressGroupId == policy.ObjectId)
                .Select(r => r.GroupTenantId);
        var user = await users.Where(t => !others.Contains(t)).FirstOrDefaultAsync(ct);
        if (user is not null)
        {
            throw new NeutronException(NeutronErrors.RbacPolicyInUse(policy.ObjectId, policy.TargetTenant));
        }
    }

    private static object Snapshot(RbacPolicy p) => new
    {
        id = p.Id,
        object_type = p.ObjectType,
        object_id = p.ObjectId,
        action = p.Action,
        target_tenant = p.TargetTenant,
        project_id = p.TenantId,
    };

    /// <summary>
    /// The change for live pages: under the object's tenant, with the object and the target in the metadata, and under the
    /// target tenant too (its lists gain or lose the object), or under <see cref="RbacObjectTypes.Everyone"/> for a share with
    /// every tenant (the live feed hands that one to every tenant's subscribers). <paramref name="target"/> is the tenant
    /// told besides the owner (the policy's target unless given: an update tells the old target as well).
    /// </summary>
    private static IEnumerable<ResourceEvent> Published(Caller caller, string action, RbacPolicy policy, string owner, string? target = null)
    {
        target ??= policy.TargetTenant;
        var groupId = policy.ObjectType == RbacObjectTypes.SecurityGroup ? policy.ObjectId : null;
        var metadata = new Dictionary<string, object?>
        {
            ["object_type"] = policy.ObjectType,
            ["object_id"] = policy.ObjectId,
            ["target_tenant"] = policy.TargetTenant,
        };
        if (target == policy.TargetTenant)
        {
            yield return Event(caller, ResourceTypes.RbacPolicy, action, EventPhase.After, policy.Id, owner, groupId, null, metadata: metadata);
        }
        if (target != owner && !string.IsNullOrEmpty(target))
        {
            yield return Event(caller, ResourceTypes.RbacPolicy, action, EventPhase.After, policy.Id, target, groupId, null, metadata: metadata);
        }
    }
}
