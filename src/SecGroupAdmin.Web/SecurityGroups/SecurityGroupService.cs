using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Groups;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// The only write path for security groups and their rules, and their tenant-scoped reads (as Neutron's
/// securitygroups_db mixin keeps groups and rules together). Every change: who is asking (<see cref="Caller"/>) →
/// validation in Neutron's order → one transaction of the <see cref="WritePipeline"/> (quota, duplicate check, write,
/// audit entry, precommit events) → after-commit events. The UI, the REST API and the admin CLI all come through here,
/// so none of these steps can be skipped. This file holds the groups; <c>SecurityGroupService.Rules.cs</c> the rules.
/// </summary>
public sealed partial class SecurityGroupService(
    IDbContextFactory<AppDbContext> dbFactory,
    WritePipeline writes,
    DefaultGroupCreator defaultGroups)
{
    /// <summary>
    /// The id of the tenant's <c>default</c> group, created with its 4 rules the first time it is needed (at most once,
    /// also when two requests race); null when the guard forbids creating it or the tenant is unknown.
    /// </summary>
    public Task<string?> EnsureDefaultGroupAsync(Caller caller, string tenantId, CancellationToken ct = default) =>
        defaultGroups.EnsureAsync(caller, tenantId, ct);

    /// <summary>
    /// The groups the caller may see, with their rules; optionally one tenant's. Like Neutron's list, it first
    /// creates the listed tenant's default group when the caller may cause that.
    /// </summary>
    public async Task<List<SecurityGroup>> ListGroupsAsync(Caller caller, string? tenantId = null, CancellationToken ct = default)
    {
        await EnsureDefaultGroupAsync(caller, tenantId ?? caller.TenantId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Visible.Groups(db, caller);
        if (tenantId is not null)
        {
            query = query.Where(g => g.TenantId == tenantId);
        }
        return await query.Include(g => g.Rules).AsNoTracking().AsSplitQuery().OrderBy(g => g.CreatedAt).ThenBy(g => g.Id).ToListAsync(ct);
    }

    /// <summary>One group with its rules; 404 <c>SecurityGroupNotFound</c> when it does not exist or the caller may not see it.</summary>
    public Task<SecurityGroup> GetGroupAsync(Caller caller, string id, CancellationToken ct = default) =>
        FindGroupAsync(caller, id, withRules: true, ct);

    /// <summary>As <see cref="GetGroupAsync"/>; its rules are read only when <paramref name="withRules"/> (else the list is empty).</summary>
    public async Task<SecurityGroup> FindGroupAsync(Caller caller, string id, bool withRules, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Two plain queries rather than a join that repeats the group's columns on every rule row. The group first: if
        // a change lands in between, the rules are newer than the revision read, so an edit based on that revision
        // gets 412 and a reload rather than silently missing a rule.
        var group = await Visible.Groups(db, caller).AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct)
            ?? throw new NeutronException(NeutronErrors.SecurityGroupNotFound(id));
        if (caller.ReceivesShares)
        {
            await Sharing.FillSharedAsync(db, caller, [group], ct);
        }
        if (!withRules)
        {
            return group;
        }
        group.Rules.AddRange(await db.SecurityGroupRules.Where(r => r.SecurityGroupId == id)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(ForReading).ToListAsync(ct));
        return ShareRuleStrings(group);
    }

    /// <summary>
    /// A rule as reads need it: every column but the duplicate key (a long string only the unique index uses), not tracked.
    /// </summary>
    internal static readonly System.Linq.Expressions.Expression<Func<SecurityGroupRule, SecurityGroupRule>> ForReading = r => new SecurityGroupRule
    {
        Id = r.Id,
        SecurityGroupId = r.SecurityGroupId,
        TenantId = r.TenantId,
        Direction = r.Direction,
        Ethertype = r.Ethertype,
        Protocol = r.Protocol,
        PortRangeMin = r.PortRangeMin,
        PortRangeMax = r.PortRangeMax,
        RemoteIpPrefix = r.RemoteIpPrefix,
        NormalizedCidr = r.NormalizedCidr,
        RemoteGroupId = r.RemoteGroupId,
        RemoteAddressGroupId = r.RemoteAddressGroupId,
        Description = r.Description,
        RevisionNumber = r.RevisionNumber,
        CreatedAt = r.CreatedAt,
        UpdatedAt = r.UpdatedAt,
        HasTags = r.HasTags,
    };

    /// <summary>
    /// Every rule of a loaded group arrives with its own copies of the same few strings (the group id, the tenant,
    /// "ingress", "IPv4", "tcp", a CIDR equal to its prefix). Open group pages keep the group, so with thousands of
    /// rules those copies cost hundreds of KB per page: point equal values at one instance. Values do not change.
    /// </summary>
    private static SecurityGroup ShareRuleStrings(SecurityGroup group)
    {
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Share(string? value) => value is null ? null : shared.TryAdd(value, value) ? value : shared[value];
        Share(group.Id);
        Share(group.TenantId);
        Share(Directions.Ingress);
        Share(Directions.Egress);
        Share(Ethertypes.IPv4);
        Share(Ethertypes.IPv6);
        foreach (var rule in group.Rules)
        {
            rule.SecurityGroupId = Share(rule.SecurityGroupId)!;
            rule.TenantId = Share(rule.TenantId)!;
            rule.Direction = Share(rule.Direction)!;
            rule.Ethertype = Share(rule.Ethertype)!;
            rule.Protocol = Share(rule.Protocol);
            rule.RemoteGroupId = Share(rule.RemoteGroupId);
            if (rule.NormalizedCidr is not null && rule.NormalizedCidr == rule.RemoteIpPrefix)
            {
                rule.NormalizedCidr = rule.RemoteIpPrefix;
            }
        }
        return group;
    }

    /// <summary>Which of <paramref name="groupIds"/> are their tenant's default group, for <c>belongs_to_default_sg</c>.</summary>
    public async Task<HashSet<string>> DefaultGroupIdsAsync(IEnumerable<string> groupIds, CancellationToken ct = default)
    {
        var ids = groupIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = ids.Count == 1
            ? db.DefaultSecurityGroups.Where(d => d.SecurityGroupId == ids[0])
            : db.DefaultSecurityGroups.Where(d => ids.Contains(d.SecurityGroupId));
        return [.. await query.Select(d => d.SecurityGroupId).ToListAsync(ct)];
    }

    public async Task<SecurityGroup> CreateGroupAsync(Caller caller, GroupCreateRequest request, CancellationToken ct = default) =>
        (await CreateGroupsAsync(caller, [request], ct))[0];

    /// <summary>Creates one or more groups, all or nothing, each with the template's rules for non-default groups.</summary>
    public async Task<List<SecurityGroup>> CreateGroupsAsync(Caller caller, IReadOnlyList<GroupCreateRequest> requests, CancellationToken ct = default)
    {
        if (requests.Count == 0)
        {
            throw new NeutronException(NeutronErrors.BadRequest("Resources required"));
        }

        // Stage A: owner, then attributes in declared order.
        var drafts = new List<(string Tenant, string Name, string Description, bool Stateful, bool StartEmpty)>();
        foreach (var request in requests)
        {
            var tenant = WriteChecks.ResolveProject(caller, request.ProjectId);
            var nameError = GroupValidator.ValidateName(request.Name.IsAbsent ? InputValue.FromString("") : request.Name);
            if (nameError is not null)
            {
                throw new NeutronException(nameError);
            }
            var descriptionError = request.Description.IsAbsent ? null : GroupValidator.ValidateDescription(request.Description);
            if (descriptionError is not null)
            {
                throw new NeutronException(descriptionError);
            }
            var stateful = true;
            if (!request.Stateful.IsAbsent && !GroupValidator.TryConvertStateful(request.Stateful, out stateful, out var statefulError))
            {
                throw new NeutronException(statefulError!);
            }
            drafts.Add((tenant, request.Name.Text ?? "", request.Description.IsAbsent ? "" : request.Description.Text ?? "", stateful, request.StartEmpty));
        }

        // The drafts name every tenant written (a CloudAdmin's bulk may span several): their locks, in key order.
        return await writes.WriteAsync(WriterLocks.ForTenants(drafts.Select(d => d.Tenant)), async (db, after) =>
        {
            var template = await GroupTemplate.ReadAsync(db, defaultGroup: false, ct);
            foreach (var tenant in drafts.Select(d => d.Tenant).Distinct())
            {
                // Neutron's API layer enforces the policy before it reserves quota: a reader gets 403, never OverQuota.
                if (!caller.CanWrite(tenant))
                {
                    throw new NeutronException(NeutronErrors.PolicyNotAuthorized("create_security_group"));
                }
                await WriteChecks.EnsureTenantExistsAsync(db, tenant, ct);
                // Neutron creates the project's default group before the new one.
                await defaultGroups.EnsureInAsync(db, caller, tenant, after, ct);
                var adding = drafts.Where(d => d.Tenant == tenant).ToList();
                // As Neutron since 2025.1 (bug 2067239): the rule quota is charged what the template gives each group.
                await CheckGroupQuotaAsync(db, tenant, adding.Count, adding.Count(d => !d.StartEmpty) * template.Count, ct);
            }

            var now = writes.Now();
            var created = new List<SecurityGroup>();
            foreach (var d in drafts)
            {
                var group = new SecurityGroup
                {
                    TenantId = d.Tenant,
                    Name = d.Name,
                    Description = d.Description,
                    Stateful = d.Stateful,
                    RevisionNumber = 1,
                    CreatedAt = now,
                    UpdatedAt = now,
                    UpdatedBy = caller.UserName,
                };
                if (!d.StartEmpty)
                {
                    group.Rules.AddRange(GroupTemplate.Rules(group, template, now));
                }
                var metadata = new Dictionary<string, object?> { ["is_default"] = false };
                await writes.PublishVetoableAsync(Event(caller, ResourceTypes.SecurityGroup, ResourceActions.Create, EventPhase.Before, group.Id, d.Tenant, group.Id, null, group, metadata),
                    veto => NeutronErrors.SecurityGroupConflict($"cannot perform before_create due to {veto.Message}"), ct);
                db.SecurityGroups.Add(group);
                AuditLog.Record(db, caller, now, d.Tenant, ResourceActions.Create, ResourceTypes.SecurityGroup, group.Id, null, AuditSnapshots.Of(group));
                created.Add(group);
            }
            await db.SaveChangesAsync(ct);
            foreach (var group in created)
            {
                var metadata = new Dictionary<string, object?> { ["is_default"] = false };
                await writes.PublishVetoableAsync(Event(caller, ResourceTypes.SecurityGroup, ResourceActions.Create, EventPhase.Precommit, group.Id, group.TenantId, group.Id, group.RevisionNumber, group, metadata) with { Db = db },
                    veto => NeutronErrors.SecurityGroupConflict($"cannot perform precommit_create due to {veto.Message}"), ct);
                after.Add(Event(caller, ResourceTypes.SecurityGroup, ResourceActions.Create, EventPhase.After, group.Id, group.TenantId, group.Id, group.RevisionNumber, metadata: metadata));
            }
            return created;
        }, ct);
    }

    /// <summary>Group quota +N, and rule quota + the template rules the new groups bring (Neutron reserves both in
    /// neutron/db/securitygroups_db.py: create_security_group; rows 90, 91 of ReferenceObservations).</summary>
    private static async Task CheckGroupQuotaAsync(AppDbContext db, string tenantId, int groups, int templateRules, CancellationToken ct)
    {
        var quota = await db.Tenants.Where(t => t.Id == tenantId)
            .Select(t => new { t.SecurityGroupQuota, t.SecurityGroupRuleQuota }).FirstAsync(ct);
        if (quota.SecurityGroupQuota >= 0 &&
            await db.SecurityGroups.CountAsync(g => g.TenantId == tenantId, ct) + groups > quota.SecurityGroupQuota)
        {
            throw new NeutronException(NeutronErrors.OverQuota(ResourceTypes.SecurityGroup));
        }
        if (quota.SecurityGroupRuleQuota >= 0 &&
            await db.SecurityGroupRules.CountAsync(r => r.TenantId == tenantId, ct) + templateRules > quota.SecurityGroupRuleQuota)
        {
            throw new NeutronException(NeutronErrors.OverQuota(ResourceTypes.SecurityGroupRule));
        }
    }

    /// <summary>Changes name, description or stateful; <paramref name="expectedRevision"/> gives 412 on mismatch.</summary>
    public async Task<SecurityGroup> UpdateGroupAsync(Caller caller, string id, GroupUpdateRequest request, long? expectedRevision = null, CancellationToken ct = default)
    {
        if (!request.Name.IsAbsent && GroupValidator.ValidateName(request.Name) is { } nameError)
        {
            throw new NeutronException(nameError);
        }
        if (!request.Description.IsAbsent && GroupValidator.ValidateDescription(request.Description) is { } descriptionError)
        {
            throw new NeutronException(descriptionError);
        }
        bool? stateful = null;
        if (!request.Stateful.IsAbsent)
        {
            if (!GroupValidator.TryConvertStateful(request.Stateful, out var value, out var statefulError))
            {
                throw new NeutronException(statefulError!);
            }
            stateful = value;
        }

        var locks = WriterLocks.ForCaller(caller, WriterLockLookups.GroupTenants([id]));
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            var group = await GroupForWriteAsync(db, caller, id, "update_security_group", ct);
            locks.Require(group.TenantId);
            WriteChecks.CheckRevision(expectedRevision, group.RevisionNumber);
            if (stateful is bool s && s != group.Stateful && await GroupInUseAsync(db, id, ct))
            {
                throw new NeutronException(NeutronErrors.SecurityGroupInUse(id));
            }
            await writes.PublishVetoableAsync(Event(caller, ResourceTypes.SecurityGroup, ResourceActions.Update, EventPhase.Before, id, group.TenantId, id, group.RevisionNumber, request),
                veto => NeutronErrors.SecurityGroupConflict($"cannot perform before_update due to {veto.Message}"), ct);
            if (!request.Name.IsAbsent && GroupValidator.IsDefaultName(group.Name))
            {
                throw new NeutronException(NeutronErrors.CannotUpdateDefault());
            }

            var before = AuditSnapshots.Of(group);
            if (!request.Name.IsAbsent)
            {
                group.Name = request.Name.Text ?? "";
            }
            if (!request.Description.IsAbsent)
            {
                group.Description = request.Description.Text ?? "";
            }
            if (stateful is bool newStateful)
            {
                group.Stateful = newStateful;
            }
            var now = writes.Now();
            Touch(group, caller, now);
            AuditLog.Record(db, caller, now, group.TenantId, ResourceActions.Update, ResourceTypes.SecurityGroup, id, before, AuditSnapshots.Of(group));
            await db.SaveChangesAsync(ct);
            await writes.PublishVetoableAsync(Event(caller, ResourceTypes.SecurityGroup, ResourceActions.Update, EventPhase.Precommit, id, group.TenantId, id, group.RevisionNumber, group) with { Db = db },
                veto => NeutronErrors.SecurityGroupConflict($"cannot perform precommit_update due to {veto.Message}"), ct);
            after.Add(Event(caller, ResourceTypes.SecurityGroup, ResourceActions.Update, EventPhase.After, id, group.TenantId, id, group.RevisionNumber));
            await db.Entry(group).Collection(g => g.Rules).LoadAsync(ct);
            return group;
        }, ct);
    }

    private static Task<bool> GroupInUseAsync(AppDbContext db, string groupId, CancellationToken ct) =>
        db.Ports.AnyAsync(p => p.SecurityGroups.Any(g => g.Id == groupId), ct);

    /// <summary>Loads a group for a change: 404 when the caller cannot see it, 403 when they see it but may not change it.</summary>
    private static async Task<SecurityGroup> GroupForWriteAsync(AppDbContext db, Caller caller, string id, string action, CancellationToken ct)
    {
        var group = await db.SecurityGroups.FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null || !caller.CanRead(group.TenantId))
        {
            // A group shared with the caller's tenant is theirs to read and use, not to change (Neutron 2025.1).
            throw new NeutronException(group is not null && await Sharing.IsSharedWithCallerAsync(db, caller, RbacObjectTypes.SecurityGroup, id, ct)
                ? NeutronErrors.PolicyNotAuthorized(action)
                : NeutronErrors.SecurityGroupNotFound(id));
        }
        if (!caller.CanWrite(group.TenantId))
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized(action));
        }
        return group;
    }

    /// <summary>A changed group (also by a change of its rules): the next revision, when and by whom.</summary>
    private static void Touch(SecurityGroup group, Caller caller, DateTime now)
    {
        group.RevisionNumber++;
        group.UpdatedAt = now;
        group.UpdatedBy = caller.UserName;
    }

    /// <summary>
    /// Deletes a group and, by cascade, its rules and the rules of other groups that use it as remote group.
    /// Refused while a port uses it, and for the default group unless the caller is CloudAdmin.
    /// </summary>
    public async Task DeleteGroupAsync(Caller caller, string id, long? expectedRevision = null, CancellationToken ct = default)
    {
        // The group's tenant and the tenants of the groups whose rules use it as remote group (the cascade changes them).
        var locks = WriterLocks.Lookup(WriterLockLookups.GroupAndReferencingTenants(id));
        await writes.WriteAsync(locks, async (db, after) =>
        {
            var group = await GroupForWriteAsync(db, caller, id, "delete_security_group", ct);
            locks.Require(group.TenantId);
            WriteChecks.CheckRevision(expectedRevision, group.RevisionNumber);
            if (await GroupInUseAsync(db, id, ct))
            {
                throw new NeutronException(NeutronErrors.SecurityGroupInUse(id));
            }
            if (GroupValidator.IsDefaultName(group.Name) && !caller.IsAdmin)
            {
                throw new NeutronException(NeutronErrors.CannotRemoveDefault());
            }
            // Read under the group's lock: a new reference needs that lock too (the remote group's tenant), so this
            // set cannot grow before the commit; a tenant it names that was not looked up makes the write run again.
            var referencing = await db.SecurityGroupRules.Include(r => r.SecurityGroup)
                .Where(r => r.RemoteGroupId == id && r.SecurityGroupId != id).ToListAsync(ct);
            locks.Require(referencing.Select(r => r.SecurityGroup!.TenantId));
            await writes.PublishVetoableAsync(Event(caller, ResourceTypes.SecurityGroup, ResourceActions.Delete, EventPhase.Before, id, group.TenantId, id, group.RevisionNumber),
                veto => NeutronErrors.SecurityGroupInUse(id, $"cannot perform before_delete due to {veto.Message}"), ct);

            var ownRules = await db.SecurityGroupRules.Where(r => r.SecurityGroupId == id).ToListAsync(ct);
            var now = writes.Now();
            var before = new { group = AuditSnapshots.Of(group), rules = ownRules.Select(AuditSnapshots.Of).ToArray() };
            AuditLog.Record(db, caller, now, group.TenantId, ResourceActions.Delete, ResourceTypes.SecurityGroup, id, before, null);
            foreach (var affected in referencing.GroupBy(r => r.SecurityGroup!))
            {
                // Those rules vanish with the group (Neutron's cascade); their groups get a new revision and an audit entry.
                Touch(affected.Key, caller, now);
                foreach (var rule in affected)
                {
                    AuditLog.Record(db, caller, now, affected.Key.TenantId, ResourceActions.Delete, ResourceTypes.SecurityGroupRule, rule.Id, AuditSnapshots.Of(rule), null);
                    db.SecurityGroupRules.Remove(rule);
                }
                after.Add(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Delete, EventPhase.After, affected.First().Id, affected.Key.TenantId, affected.Key.Id, affected.Key.RevisionNumber,
                    metadata: new Dictionary<string, object?> { ["security_group_id"] = affected.Key.Id, ["cascade_from"] = id }));
            }
            var metadata = new Dictionary<string, object?>
            {
                ["security_group_rule_ids"] = ownRules.Select(r => r.Id).ToArray(),
                ["name"] = group.Name,
            };
            await writes.PublishVetoableAsync(Event(caller, ResourceTypes.SecurityGroup, ResourceActions.Delete, EventPhase.Precommit, id, group.TenantId, id, group.RevisionNumber, group, metadata) with { Db = db },
                veto => NeutronErrors.SecurityGroupInUse(id, $"cannot perform precommit_delete due to {veto.Message}"), ct);
            // Its sharing goes with it, as in the reference.
            db.RbacPolicies.RemoveRange(await db.RbacPolicies.Where(p => p.ObjectType == RbacObjectTypes.SecurityGroup && p.ObjectId == id).ToListAsync(ct));
            db.SecurityGroups.Remove(group);
            await db.SaveChangesAsync(ct);
            after.Add(Event(caller, ResourceTypes.SecurityGroup, ResourceActions.Delete, EventPhase.After, id, group.TenantId, id, group.RevisionNumber + 1, metadata: metadata));
            return true;
        }, ct);
    }

    /// <summary>Copies a group's rules into a new group in the same tenant (the UI's "clone").</summary>
    public async Task<SecurityGroup> CloneGroupAsync(Caller caller, string sourceId, string newName, CancellationToken ct = default)
    {
        var source = await GetGroupAsync(caller, sourceId, ct);
        var copy = await CreateGroupAsync(caller, new GroupCreateRequest
        {
            Name = InputValue.FromString(newName),
            Description = InputValue.FromString(source.Description),
            Stateful = InputValue.FromBoolean(source.Stateful),
            ProjectId = source.TenantId,
            StartEmpty = true,
        }, ct);
        var rules = source.Rules.Select(r => RuleInputFrom(r, copy.Id, r.RemoteGroupId == sourceId ? copy.Id : r.RemoteGroupId)).ToList();
        if (rules.Count > 0)
        {
            try
            {
                await CreateRulesAsync(caller, rules, source.TenantId, ct);
            }
            catch
            {
                // All or nothing for the person cloning: remove the half-made copy.
                await DeleteGroupAsync(caller, copy.Id, ct: ct);
                throw;
            }
        }
        return await GetGroupAsync(caller, copy.Id, ct);
    }

    private static RuleInput RuleInputFrom(SecurityGroupRule r, string groupId, string? remoteGroupId) => new()
    {
        SecurityGroupId = InputValue.FromString(groupId),
        Direction = InputValue.FromString(r.Direction),
        Ethertype = InputValue.FromString(r.Ethertype),
        Protocol = r.Protocol is null ? InputValue.Null : InputValue.FromString(r.Protocol),
        PortRangeMin = InputValue.FromNullableInt(r.PortRangeMin),
        PortRangeMax = InputValue.FromNullableInt(r.PortRangeMax),
        RemoteIpPrefix = r.RemoteIpPrefix is null ? InputValue.Null : InputValue.FromString(r.RemoteIpPrefix),
        RemoteGroupId = remoteGroupId is null ? InputValue.Null : InputValue.FromString(remoteGroupId),
        RemoteAddressGroupId = r.RemoteAddressGroupId is null ? InputValue.Null : InputValue.FromString(r.RemoteAddressGroupId),
        Description = InputValue.FromString(r.Description ?? ""),
    };
}
