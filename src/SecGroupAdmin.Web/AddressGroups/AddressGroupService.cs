using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Domain.AddressGroups;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Live;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.AddressGroups;

/// <summary>
/// The only write path for address groups, and their reads. Every change: who is asking (<see cref="Caller"/>) →
/// validation in the reference's order → one transaction of the <see cref="WritePipeline"/> (visibility, policy, the
/// change, its audit entry) → an after-commit event (live refresh). Another tenant's address group is "not found", a
/// reader's write is 403. Neutron has no quota for address groups, so neither is there one here.
/// </summary>
public sealed class AddressGroupService(IDbContextFactory<AppDbContext> dbFactory, WritePipeline writes)
{
    /// <summary>One address group with its addresses; 404 <c>AddressGroupNotFound</c> when missing or not visible.</summary>
    public async Task<AddressGroup> GetAsync(Caller caller, string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible.AddressGroups(db, caller).AsNoTracking().Include(g => g.Addresses.OrderBy(a => a.Position))
            .FirstOrDefaultAsync(g => g.Id == id, ct)
            ?? throw new NeutronException(NeutronErrors.AddressGroupNotFound(id, null));
    }

    /// <summary>The address groups the caller may see, optionally one tenant's, by name then id.</summary>
    public async Task<List<AddressGroup>> ListAsync(Caller caller, string? tenantId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Visible.AddressGroups(db, caller);
        if (tenantId is not null)
        {
            query = query.Where(g => g.TenantId == tenantId);
        }
        return await query.AsNoTracking().Include(g => g.Addresses.OrderBy(a => a.Position)).AsSplitQuery()
            .OrderBy(g => g.Name).ThenBy(g => g.Id).ToListAsync(ct);
    }

    /// <summary>Creates an address group with its addresses (checked and normalised as the reference), all or nothing.</summary>
    public async Task<AddressGroup> CreateAsync(Caller caller, AddressGroupCreateRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The attributes in the reference's order: owner, name, description, addresses.
        var tenant = WriteChecks.ResolveProject(caller, request.ProjectId);
        Refuse(AddressGroupValidator.ValidateName(request.Name));
        Refuse(AddressGroupValidator.ValidateDescription(request.Description));
        Refuse(AddressValidator.ValidateForCreate(request.Addresses, out var addresses));

        return await writes.WriteAsync(WriterLocks.ForTenants(tenant), async (db, after) =>
        {
            if (!caller.CanWrite(tenant))
            {
                throw new NeutronException(NeutronErrors.PolicyNotAuthorized("create_address_group"));
            }
            await WriteChecks.EnsureTenantExistsAsync(db, tenant, ct);
            var now = writes.Now();
            var group = new AddressGroup
            {
                TenantId = tenant,
                Name = request.Name.IsAbsent ? "" : request.Name.Text ?? "",
                Description = request.Description.IsAbsent ? "" : request.Description.Text ?? "",
                // The reference adds the addresses after creating the group: one revision per address.
                RevisionNumber = addresses.Count,
                CreatedAt = now,
                UpdatedAt = now,
            };
            group.Addresses.AddRange(addresses.Select((a, i) => new AddressGroupAddress { AddressGroupId = group.Id, Address = a, Position = i }));
            db.AddressGroups.Add(group);
            AuditLog.Record(db, caller, now, tenant, ResourceActions.Create, ResourceTypes.AddressGroup, group.Id, null, AuditSnapshots.Of(group));
            await db.SaveChangesAsync(ct);
            after.Add(Event(caller, ResourceTypes.AddressGroup, ResourceActions.Create, EventPhase.After, group.Id, tenant, null, group.RevisionNumber));
            return group;
        }, ct);
    }

    /// <summary>Changes name and/or description; <paramref name="expectedRevision"/> gives 412 on mismatch.</summary>
    public async Task<AddressGroup> UpdateAsync(Caller caller, string id, AddressGroupUpdateRequest request, long? expectedRevision = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Refuse(AddressGroupValidator.ValidateName(request.Name));
        Refuse(AddressGroupValidator.ValidateDescription(request.Description));
        var locks = WriterLocks.ForCaller(caller, WriterLockLookups.AddressGroupTenant(id));
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            var group = await ForWriteAsync(db, caller, id, "update_address_group", locks, ct);
            WriteChecks.CheckRevision(expectedRevision, group.RevisionNumber);
            var before = AuditSnapshots.Of(group);
            if (!request.Name.IsAbsent)
            {
                group.Name = request.Name.Text ?? "";
            }
            if (!request.Description.IsAbsent)
            {
                group.Description = request.Description.Text ?? "";
            }
            var now = writes.Now();
            group.RevisionNumber++;
            group.UpdatedAt = now;
            AuditLog.Record(db, caller, now, group.TenantId, ResourceActions.Update, ResourceTypes.AddressGroup, id, before, AuditSnapshots.Of(group));
            await db.SaveChangesAsync(ct);
            after.Add(Event(caller, ResourceTypes.AddressGroup, ResourceActions.Update, EventPhase.After, id, group.TenantId, null, group.RevisionNumber));
            return group;
        }, ct);
    }

    /// <summary>Deletes an address group; 409 <c>AddressGroupInUse</c> while a rule uses it as its remote.</summary>
    public async Task DeleteAsync(Caller caller, string id, long? expectedRevision = null, CancellationToken ct = default)
    {
        var locks = WriterLocks.ForCaller(caller, WriterLockLookups.AddressGroupTenant(id));
        await writes.WriteAsync(locks, async (db, after) =>
        {
            var group = await ForWriteAsync(db, caller, id, "delete_address_group", locks, ct);
            WriteChecks.CheckRevision(expectedRevision, group.RevisionNumber);
            // A rule naming it (in any tenant: a CloudAdmin's) holds this group's tenant lock while it is created, so
            // none can appear before this commits.
            if (await db.SecurityGroupRules.AnyAsync(r => r.RemoteAddressGroupId == id, ct))
            {
                throw new NeutronException(NeutronErrors.AddressGroupInUse(id));
            }
            var now = writes.Now();
            AuditLog.Record(db, caller, now, group.TenantId, ResourceActions.Delete, ResourceTypes.AddressGroup, id, AuditSnapshots.Of(group), null);
            // Its sharing goes with it, as in the reference.
            var policies = await db.RbacPolicies.Where(p => p.ObjectType == RbacObjectTypes.AddressGroup && p.ObjectId == id).ToListAsync(ct);
            db.RbacPolicies.RemoveRange(policies);
            db.AddressGroups.Remove(group);
            await db.SaveChangesAsync(ct);
            // The receiving tenants' pages are told through the targets it was shared with, which went with it.
            var sharedWith = policies.Where(p => p.Action == RbacObjectTypes.AccessAsShared).Select(p => p.TargetTenant).ToList();
            after.Add(Event(caller, ResourceTypes.AddressGroup, ResourceActions.Delete, EventPhase.After, id, group.TenantId, null, group.RevisionNumber + 1,
                metadata: sharedWith.Count == 0 ? null : new Dictionary<string, object?> { [ChangeEvent.SharedWithKey] = sharedWith }));
            return true;
        }, ct);
    }

    /// <summary>
    /// <c>add_addresses</c>: all or nothing; 400 <c>AddressesAlreadyExist</c> naming every address the group already holds.
    /// </summary>
    public Task<AddressGroup> AddAddressesAsync(Caller caller, string id, AddressListInput addresses, CancellationToken ct = default) =>
        ChangeAddressesAsync(caller, id, addresses, add: true, ct);

    /// <summary>
    /// <c>remove_addresses</c>: all or nothing; 404 <c>AddressesNotFound</c> naming every address the group does not hold.
    /// </summary>
    public Task<AddressGroup> RemoveAddressesAsync(Caller caller, string id, AddressListInput addresses, CancellationToken ct = default) =>
        ChangeAddressesAsync(caller, id, addresses, add: false, ct);

    private async Task<AddressGroup> ChangeAddressesAsync(Caller caller, string id, AddressListInput input, bool add, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var locks = WriterLocks.ForCaller(caller, WriterLockLookups.AddressGroupTenant(id));
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            // As the reference's member action: the group must be visible (404), the policy allow it (403), then the body.
            var group = await ForWriteAsync(db, caller, id, add ? "add_addresses" : "remove_addresses", locks, ct);
            Refuse(AddressValidator.ParseForAction(input, out var requested));
            var (present, absent) = AddressValidator.Partition([.. group.Addresses.Select(a => a.Address)], requested);
            if (add && present.Count > 0)
            {
                throw new NeutronException(NeutronErrors.AddressesAlreadyExist(present, id));
            }
            if (!add && absent.Count > 0)
            {
                throw new NeutronException(NeutronErrors.AddressesNotFound(absent, id));
            }
            var changing = add ? absent : present;
            if (changing.Count == 0)
            {
                return group;
            }
            var before = AuditSnapshots.Of(group);
            if (add)
            {
                var next = group.Addresses.Count == 0 ? 0 : group.Addresses.Max(a => a.Position) + 1;
                group.Addresses.AddRange(changing.Select((a, i) => new AddressGroupAddress { AddressGroupId = id, Address = a, Position = next + i }));
            }
            else
            {
                var removing = changing.ToHashSet(StringComparer.Ordinal);
                group.Addresses.RemoveAll(a => removing.Contains(a.Address));
            }
            var now = writes.Now();
            group.RevisionNumber += changing.Count;
            group.UpdatedAt = now;
            AuditLog.Record(db, caller, now, group.TenantId, ResourceActions.Update, ResourceTypes.AddressGroup, id, before, AuditSnapshots.Of(group));
            await db.SaveChangesAsync(ct);
            after.Add(Event(caller, ResourceTypes.AddressGroup, ResourceActions.Update, EventPhase.After, id, group.TenantId, null, group.RevisionNumber));
            return group;
        }, ct);
    }

    /// <summary>Loads an address group (tracked, with its addresses) for a change: 404 when not visible, 403 when not writable.</summary>
    private static async Task<AddressGroup> ForWriteAsync(AppDbContext db, Caller caller, string id, string action, WriterLocks locks, CancellationToken ct)
    {
        var group = await db.AddressGroups.Include(g => g.Addresses).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null || !caller.CanRead(group.TenantId))
        {
            if (group is not null && await Sharing.IsSharedWithCallerAsync(db, caller, RbacObjectTypes.AddressGroup, id, ct))
            {
                // Shared with the caller's tenant: usable in its rules, not changeable. The reference answers an update
                // with the generic 404 and the other changes with 403.
                throw new NeutronException(action == "update_address_group" ? NeutronErrors.NotFound() : NeutronErrors.PolicyNotAuthorized(action));
            }
            throw new NeutronException(NeutronErrors.AddressGroupNotFound(id, null));
        }
        locks.Require(group.TenantId);
        if (!caller.CanWrite(group.TenantId))
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized(action));
        }
        group.Addresses.Sort((a, b) => a.Position.CompareTo(b.Position));
        return group;
    }

    private static void Refuse(NeutronError? error)
    {
        if (error is not null)
        {
            throw new NeutronException(error);
        }
    }
}
