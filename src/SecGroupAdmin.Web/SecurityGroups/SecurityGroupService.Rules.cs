using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>The rules of <see cref="SecurityGroupService"/>: list, read, create (one or many), replace, delete.</summary>
public sealed partial class SecurityGroupService
{
    /// <summary>Rules the caller may see, optionally of one group; creates the caller's default group first, as Neutron's list does.</summary>
    public async Task<List<SecurityGroupRule>> ListRulesAsync(Caller caller, string? securityGroupId = null, CancellationToken ct = default)
    {
        await EnsureDefaultGroupAsync(caller, caller.TenantId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Visible.Rules(db, caller);
        if (securityGroupId is not null)
        {
            query = query.Where(r => r.SecurityGroupId == securityGroupId);
        }
        return await query.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(ForReading).ToListAsync(ct);
    }

    /// <summary>One rule: 404 <c>SecurityGroupRuleNotFound</c> when missing, 404 <c>HTTPNotFound</c> when another tenant's (as the reference).</summary>
    public async Task<SecurityGroupRule> GetRuleAsync(Caller caller, string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The rule's columns and its group's tenant, by the primary key; not the whole group.
        var found = await db.SecurityGroupRules.Where(r => r.Id == id)
            .Select(r => new
            {
                Tenant = r.SecurityGroup!.TenantId,
                Rule = new SecurityGroupRule
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
                    DuplicateKey = r.DuplicateKey,
                    HasTags = r.HasTags,
                },
            })
            .FirstOrDefaultAsync(ct)
            ?? throw new NeutronException(NeutronErrors.SecurityGroupRuleNotFound(id));
        return caller.CanRead(found.Tenant) ? found.Rule : throw new NeutronException(NeutronErrors.NotFound());
    }

    /// <summary>
    /// The given rules of one group, for a page that keeps only the ids of a large group's rules and reads the rows it
    /// draws. Ids that are gone, of another group or of a group the caller may not see are left out; order as stored.
    /// </summary>
    public async Task<List<SecurityGroupRule>> GetGroupRulesAsync(Caller caller, string groupId, IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = Visible.Rules(db, caller);
        if (caller.ReceivesShares && !caller.IsAdmin && !caller.IsAuditor &&
            await Visible.Groups(db, caller).AnyAsync(g => g.Id == groupId && g.TenantId != caller.TenantId, ct))
        {
            // Another tenant's group shared with the caller's: its rules are read with it (as FindGroupAsync reads them).
            rules = db.SecurityGroupRules;
        }
        return await rules.Where(r => r.SecurityGroupId == groupId && ids.Contains(r.Id)).Select(ForReading).ToListAsync(ct);
    }

    public async Task<SecurityGroupRule> CreateRuleAsync(Caller caller, RuleInput input, string? projectId = null, CancellationToken ct = default) =>
        (await CreateRulesAsync(caller, [input], projectId, ct))[0];

    /// <summary>
    /// Creates one or more rules in one group, all or nothing, in Neutron's order of checks:
    /// attributes → policy → quota → semantics → references → before events → duplicates → insert → precommit.
    /// </summary>
    public async Task<List<SecurityGroupRule>> CreateRulesAsync(Caller caller, IReadOnlyList<RuleInput> inputs, string? projectId = null, CancellationToken ct = default)
    {
        try
        {
            return (await CreateCheckedRulesAsync(caller, inputs, projectId, skipPresent: false, ct)).Added;
        }
        catch (NeutronException refusal)
        {
            Operations.AppMetrics.RecordRuleRefusal(refusal.Error);
            throw;
        }
    }

    /// <summary>
    /// As <see cref="CreateRulesAsync"/>, but a rule the group already holds (or one repeated in <paramref name="inputs"/>)
    /// is left out and reported instead of refusing the whole request (copy and import, <c>SecurityGroupService.Copy.cs</c>);
    /// the quota counts only the rules added. Duplicates are decided as everywhere else: by <see cref="RuleKey"/>.
    /// </summary>
    private async Task<RuleCreation> CreateRulesSkippingPresentAsync(Caller caller, IReadOnlyList<RuleInput> inputs, string? projectId, CancellationToken ct)
    {
        try
        {
            return await CreateCheckedRulesAsync(caller, inputs, projectId, skipPresent: true, ct);
        }
        catch (NeutronException refusal)
        {
            Operations.AppMetrics.RecordRuleRefusal(refusal.Error);
            throw;
        }
    }

    /// <summary>The rules a create added, and the inputs it left out because the group holds them already (only with skipPresent).</summary>
    private sealed record RuleCreation(List<SecurityGroupRule> Added, List<PresentRule> Present);

    private async Task<RuleCreation> CreateCheckedRulesAsync(Caller caller, IReadOnlyList<RuleInput> inputs, string? projectId, bool skipPresent, CancellationToken ct)
    {
        if (inputs.Count == 0)
        {
            throw new NeutronException(NeutronErrors.BadRequest("Resources required"));
        }
        var project = WriteChecks.ResolveProject(caller, projectId);
        var converted = new NormalizedRule[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var attributes = RuleValidator.ValidateAttributes(inputs[i]);
            converted[i] = attributes.IsValid ? attributes.Rule : throw new NeutronException(attributes.Error!);
        }

        // The project (its quota); for a CloudAdmin also the tenants of the groups and remote groups named.
        var locks = WriterLocks.ForCaller(caller,
            WriterLockLookups.GroupTenants(converted.Select(r => r.SecurityGroupId).Concat(converted.Select(r => r.RemoteGroupId))), project);
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            var groups = new Dictionary<string, SecurityGroup?>();
            QuotaUse? quota = null;
            foreach (var rule in converted)
            {
                if (groups.Count == 0)
                {
                    // The common case, one group: the group, the project's rule quota and its usage in one round trip.
                    var loaded = await GroupWithRuleQuota(db, rule.SecurityGroupId, project, ct);
                    groups[rule.SecurityGroupId] = loaded?.Group;
                    quota = loaded?.Quota;
                }
                else if (!groups.ContainsKey(rule.SecurityGroupId))
                {
                    groups[rule.SecurityGroupId] = await db.SecurityGroups.FirstOrDefaultAsync(g => g.Id == rule.SecurityGroupId, ct);
                }
                if (!caller.IsAdmin)
                {
                    // The policy looks up the parent group: an invisible group is "not found" before anything else.
                    var parent = groups[rule.SecurityGroupId];
                    if (parent is null || !caller.CanRead(parent.TenantId))
                    {
                        // A shared group's rules are its owner's (Neutron 2025.1; Zed let the receiving project add some).
                        throw new NeutronException(parent is not null && await Sharing.IsSharedWithCallerAsync(db, caller, RbacObjectTypes.SecurityGroup, parent.Id, ct)
                            ? NeutronErrors.PolicyNotAuthorized("create_security_group_rule")
                            : NeutronErrors.SecurityGroupNotFound(rule.SecurityGroupId));
                    }
                    if (!caller.CanWrite(parent.TenantId))
                    {
                        throw new NeutronException(NeutronErrors.PolicyNotAuthorized("create_security_group_rule"));
                    }
                }
            }
            locks.Require(groups.Values.OfType<SecurityGroup>().Select(g => g.TenantId));
            // Policy (above) before quota, as Neutron's API layer: an invisible group is 404 and a reader 403 even when over quota.
            quota ??= await RuleQuotaAndUsage(db, project, ct);
            if (!skipPresent)
            {
                CheckRuleQuota(quota, project, converted.Length);
            }
            if (converted.Length > 1 && groups.Count > 1)
            {
                throw new NeutronException(NeutronErrors.NotSingleGroupRules());
            }

            var rules = new NormalizedRule[converted.Length];
            for (var i = 0; i < converted.Length; i++)
            {
                var semantic = RuleValidator.ValidateSemantics(converted[i]);
                rules[i] = semantic.IsValid ? semantic.Rule : throw new NeutronException(semantic.Error!);
                await CheckReferencesAsync(db, caller, project, rules[i], locks, ct);
            }
            var group = groups[rules[0].SecurityGroupId] ?? throw new NeutronException(NeutronErrors.SecurityGroupNotFound(rules[0].SecurityGroupId));
            if (!caller.IsAdmin && group.TenantId != project)
            {
                throw new NeutronException(NeutronErrors.SecurityGroupNotFound(group.Id));
            }

            var now = writes.Now();
            var entities = rules.Select((r, i) => NewRule(r, project, InsertionTime(now, i))).ToList();
            var present = new List<PresentRule>();
            if (skipPresent)
            {
                entities = await LeaveOutPresentAsync(db, group.Id, entities, present, ct);
                CheckRuleQuota(quota, project, entities.Count);
                if (entities.Count == 0)
                {
                    return new RuleCreation(entities, present);
                }
            }
            foreach (var entity in entities)
            {
                await writes.PublishAsync(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Create, EventPhase.Before, entity.Id, group.TenantId, group.Id, null, entity), ct);
            }
            CheckDuplicatesInRequest(entities);

            db.SecurityGroupRules.AddRange(entities);
            Touch(group, caller, now);
            foreach (var entity in entities)
            {
                AuditLog.Record(db, caller, now, group.TenantId, ResourceActions.Create, ResourceTypes.SecurityGroupRule, entity.Id, null, AuditSnapshots.Of(entity));
            }
            await SaveRulesAsync(db, group.Id, entities, ct);
            foreach (var entity in entities)
            {
                await writes.PublishVetoableAsync(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Create, EventPhase.Precommit, entity.Id, group.TenantId, group.Id, group.RevisionNumber, entity) with { Db = db },
                    veto => NeutronErrors.SecurityGroupConflict($"cannot perform precommit_create due to {veto.Message}"), ct);
                after.Add(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Create, EventPhase.After, entity.Id, group.TenantId, group.Id, group.RevisionNumber));
            }
            return new RuleCreation(entities, present);
        }, ct);
    }

    /// <summary>
    /// The rules of <paramref name="adding"/> the group does not hold yet (by their duplicate key, read inside the write
    /// transaction), each key once; the others go to <paramref name="present"/> with the rule that has it (input order).
    /// </summary>
    private static async Task<List<SecurityGroupRule>> LeaveOutPresentAsync(AppDbContext db, string groupId, List<SecurityGroupRule> adding,
        List<PresentRule> present, CancellationToken ct)
    {
        var keys = adding.Select(r => r.DuplicateKey).Distinct(StringComparer.Ordinal).ToList();
        var stored = (await db.SecurityGroupRules.AsNoTracking()
            .Where(r => r.SecurityGroupId == groupId && keys.Contains(r.DuplicateKey))
            .Select(r => new { r.DuplicateKey, r.Id }).ToListAsync(ct))
            .ToDictionary(r => r.DuplicateKey, r => r.Id, StringComparer.Ordinal);
        var kept = new List<SecurityGroupRule>();
        for (var i = 0; i < adding.Count; i++)
        {
            var rule = adding[i];
            if (stored.TryGetValue(rule.DuplicateKey, out var existing))
            {
                present.Add(new PresentRule(i, existing, RuleText.Describe(rule.ToNormalized()), InRequest: kept.Any(k => k.Id == existing)));
                continue;
            }
            kept.Add(rule);
            stored[rule.DuplicateKey] = rule.Id;
        }
        return kept;
    }

    /// <summary>
    /// Edits a rule atomically: the old rule is deleted and the new one created in one transaction, so there is
    /// never a moment without it (Horizon's delete-then-create leaves a gap). Returns the new rule.
    /// <paramref name="expectedRuleRevision"/> is the edited rule's revision (412 on mismatch): only a change to that rule
    /// is a conflict, not other rules of the group added or removed meanwhile (which bump the group's revision). A rule
    /// deleted (or replaced by someone else's edit) meanwhile is <c>SecurityGroupRuleNotFound</c>.
    /// </summary>
    public async Task<SecurityGroupRule> ReplaceRuleAsync(Caller caller, string ruleId, RuleInput replacement, long? expectedRuleRevision = null, CancellationToken ct = default)
    {
        var validated = RuleValidator.Validate(replacement);
        var locks = WriterLocks.ForCaller(caller, WriterLockLookups.RuleGroupTenants([ruleId], validated.IsValid ? validated.Rule.RemoteGroupId : null));
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            var old = await db.SecurityGroupRules.Include(r => r.SecurityGroup).FirstOrDefaultAsync(r => r.Id == ruleId, ct);
            if (old is null || !caller.CanRead(old.SecurityGroup!.TenantId))
            {
                throw new NeutronException(NeutronErrors.SecurityGroupRuleNotFound(ruleId));
            }
            var group = old.SecurityGroup;
            if (!caller.CanWrite(group.TenantId))
            {
                throw new NeutronException(NeutronErrors.PolicyNotAuthorized("create_security_group_rule"));
            }
            locks.Require(group.TenantId);
            WriteChecks.CheckRevision(expectedRuleRevision, old.RevisionNumber);
            var rule = validated.IsValid ? validated.Rule : throw new NeutronException(validated.Error!);
            if (rule.SecurityGroupId != group.Id)
            {
                throw new NeutronException(NeutronErrors.NotSingleGroupRules());
            }
            await CheckReferencesAsync(db, caller, old.TenantId, rule, locks, ct);

            var now = writes.Now();
            var entity = NewRule(rule, old.TenantId, now);
            // The edited rule keeps its tags (the old rule's go with it by cascade).
            var tags = old.HasTags
                ? await db.SecurityGroupRuleTags.Where(t => t.SecurityGroupRuleId == old.Id).Select(t => t.Tag).ToListAsync(ct)
                : [];
            entity.HasTags = tags.Count > 0;
            await writes.PublishAsync(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Delete, EventPhase.Before, old.Id, group.TenantId, group.Id, group.RevisionNumber), ct);
            await writes.PublishAsync(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Create, EventPhase.Before, entity.Id, group.TenantId, group.Id, group.RevisionNumber, entity), ct);
            db.SecurityGroupRules.Remove(old);
            // Flush the delete first, so that a new rule with the old rule's key does not trip the unique index.
            await db.SaveChangesAsync(ct);
            db.SecurityGroupRules.Add(entity);
            db.SecurityGroupRuleTags.AddRange(tags.Select(t => new Data.Tags.SecurityGroupRuleTag { SecurityGroupRuleId = entity.Id, Tag = t }));
            Touch(group, caller, now);
            AuditLog.Record(db, caller, now, group.TenantId, ResourceActions.Replace, ResourceTypes.SecurityGroupRule, entity.Id, AuditSnapshots.Of(old), AuditSnapshots.Of(entity));
            await SaveRulesAsync(db, group.Id, [entity], ct);
            await writes.PublishVetoableAsync(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Create, EventPhase.Precommit, entity.Id, group.TenantId, group.Id, group.RevisionNumber, entity) with { Db = db },
                veto => NeutronErrors.SecurityGroupConflict($"cannot perform precommit_create due to {veto.Message}"), ct);
            after.Add(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Delete, EventPhase.After, old.Id, group.TenantId, group.Id, group.RevisionNumber,
                metadata: new Dictionary<string, object?> { ["security_group_id"] = group.Id }));
            after.Add(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Create, EventPhase.After, entity.Id, group.TenantId, group.Id, group.RevisionNumber));
            return entity;
        }, ct);
    }

    /// <summary>Deletes a rule; 404 when missing or invisible, 403 when visible but read-only for the caller.</summary>
    public async Task DeleteRuleAsync(Caller caller, string id, long? expectedRevision = null, CancellationToken ct = default) =>
        await DeleteRulesAsync(caller, [id], expectedRevision, ct);

    /// <summary>Deletes several rules in one transaction (all or nothing).</summary>
    public async Task DeleteRulesAsync(Caller caller, IReadOnlyList<string> ids, long? expectedRevision = null, CancellationToken ct = default)
    {
        var locks = WriterLocks.ForCaller(caller, WriterLockLookups.RuleGroupTenants(ids));
        await writes.WriteAsync(locks, async (db, after) =>
        {
            var now = writes.Now();
            foreach (var id in ids.Distinct())
            {
                var rule = await db.SecurityGroupRules.Include(r => r.SecurityGroup).FirstOrDefaultAsync(r => r.Id == id, ct)
                    ?? throw new NeutronException(NeutronErrors.SecurityGroupRuleNotFound(id));
                if (!caller.CanRead(rule.SecurityGroup!.TenantId))
                {
                    // As the reference (and as a show): another tenant's rule is the generic HTTPNotFound, not a typed one.
                    throw new NeutronException(NeutronErrors.NotFound());
                }
                var group = rule.SecurityGroup;
                if (!caller.CanWrite(group.TenantId))
                {
                    throw new NeutronException(NeutronErrors.PolicyNotAuthorized("delete_security_group_rule"));
                }
                locks.Require(group.TenantId);
                WriteChecks.CheckRevision(expectedRevision, rule.RevisionNumber);
                await writes.PublishAsync(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Delete, EventPhase.Before, id, group.TenantId, group.Id, group.RevisionNumber), ct);
                var metadata = new Dictionary<string, object?> { ["security_group_id"] = group.Id };
                await writes.PublishVetoableAsync(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Delete, EventPhase.Precommit, id, group.TenantId, group.Id, group.RevisionNumber, rule, metadata) with { Db = db },
                    veto => NeutronErrors.SecurityGroupRuleInUse("None", $"cannot perform precommit_delete due to {veto.Message}"), ct);
                db.SecurityGroupRules.Remove(rule);
                Touch(group, caller, now);
                AuditLog.Record(db, caller, now, group.TenantId, ResourceActions.Delete, ResourceTypes.SecurityGroupRule, id, AuditSnapshots.Of(rule), null);
                after.Add(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Delete, EventPhase.After, id, group.TenantId, group.Id, group.RevisionNumber, metadata: metadata));
            }
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    private static SecurityGroupRule NewRule(in NormalizedRule r, string tenantId, DateTime now) => new()
    {
        Id = SecurityGroupRule.NewId(),
        SecurityGroupId = r.SecurityGroupId,
        TenantId = tenantId,
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
        DuplicateKey = RuleKey.For(r).ToStorageString(),
        Exposure = RuleExposure.Of(r).Reason,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>The project's rule quota: unknown project → 400, over the limit (unless unlimited, -1) → 409.</summary>
    private static void CheckRuleQuota(QuotaUse? quota, string tenantId, int adding)
    {
        if (quota is not { Limit: int limit })
        {
            throw new NeutronException(NeutronErrors.InvalidInputFor("project_id", $"project {tenantId} does not exist"));
        }
        if (limit >= 0 && quota.Used + adding > limit)
        {
            throw new NeutronException(NeutronErrors.OverQuota(ResourceTypes.SecurityGroupRule));
        }
    }

    /// <summary>A project's rule quota (null when the project does not exist) and how many rules it holds.</summary>
    private sealed record QuotaUse(int? Limit, int Used);

    private sealed record GroupAndQuota(SecurityGroup Group, QuotaUse Quota);

    // Plain queries, not EF.CompileAsyncQuery: a compiled query binds to the first provider it runs on, and one
    // process may hold SQLite and PostgreSQL contexts (the tests do).
    private static Task<QuotaUse?> RuleQuotaAndUsage(AppDbContext db, string tenantId, CancellationToken ct) =>
        db.Tenants.Where(t => t.Id == tenantId)
            .Select(t => new QuotaUse(t.SecurityGroupRuleQuota, db.SecurityGroupRules.Count(r => r.TenantId == tenantId)))
            .FirstOrDefaultAsync(ct);

    /// <summary>The group (tracked, for its revision bump) with the rule quota and usage of <paramref name="tenantId"/>; null when the group does not exist.</summary>
    private static Task<GroupAndQuota?> GroupWithRuleQuota(AppDbContext db, string groupId, string tenantId, CancellationToken ct) =>
        db.SecurityGroups.Where(g => g.Id == groupId)
            .Select(g => new GroupAndQuota(g, new QuotaUse(
                db.Tenants.Where(t => t.Id == tenantId).Select(t => (int?)t.SecurityGroupRuleQuota).FirstOrDefault(),
                db.SecurityGroupRules.Count(r => r.TenantId == tenantId))))
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Stage C: the remote group and the remote address group must be visible to the rule's project. Their tenants must
    /// be locked, or a concurrent deletion could leave the new rule without them.
    /// </summary>
    private static async Task CheckReferencesAsync(AppDbContext db, Caller caller, string project, NormalizedRule rule, WriterLocks locks, CancellationToken ct)
    {
        if (rule.RemoteGroupId is { } remote)
        {
            var owner = await db.SecurityGroups.Where(g => g.Id == remote).Select(g => g.TenantId).FirstOrDefaultAsync(ct);
            if (owner is null || (!caller.IsAdmin && owner != project && !await Sharing.IsSharedWithAsync(db, RbacObjectTypes.SecurityGroup, remote, project, ct)))
            {
                throw new NeutronException(NeutronErrors.SecurityGroupNotFound(remote, "remote_group_id"));
            }
            locks.Require(owner);
        }
        if (rule.RemoteAddressGroupId is { } addressGroup)
        {
            // As the reference's check_address_group in the rule's project: its own address groups and those shared with it, any for a CloudAdmin.
            var owner = await db.AddressGroups.Where(g => g.Id == addressGroup).Select(g => g.TenantId).FirstOrDefaultAsync(ct);
            if (owner is null || (!caller.IsAdmin && owner != project && !await Sharing.IsSharedWithAsync(db, RbacObjectTypes.AddressGroup, addressGroup, project, ct)))
            {
                throw new NeutronException(NeutronErrors.AddressGroupNotFound(addressGroup));
            }
            // Its tenant's lock keeps it from being deleted (AddressGroupInUse is checked under that lock) before this commits.
            locks.Require(owner);
        }
    }

    /// <summary>
    /// Duplicates within the request. A duplicate of a stored rule is caught when the rules are saved
    /// (<see cref="SaveRulesAsync"/>): nothing is checked between here and the insert, so the order of Neutron's checks
    /// is kept.
    /// </summary>
    private static void CheckDuplicatesInRequest(List<SecurityGroupRule> adding)
    {
        if (adding.Count < 2)
        {
            return;
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in adding)
        {
            if (!keys.Add(rule.DuplicateKey))
            {
                throw new NeutronException(NeutronErrors.DuplicateRuleInPost());
            }
        }
    }

    /// <summary>
    /// Saves; a rule the group already holds becomes Neutron's 409 naming the existing rule. It is looked up just before
    /// the insert, inside the write transaction (writers are serialised, so nothing can slip in between): an expected
    /// refusal, so it must not reach the database as a failing INSERT, which EF Core logs as two errors with stack
    /// traces. The unique (group, key) index stays as the second guard; its violation is answered the same way, with the
    /// id looked up on a fresh context (on PostgreSQL the failed statement has aborted this transaction).
    /// </summary>
    private async Task SaveRulesAsync(AppDbContext db, string groupId, List<SecurityGroupRule> adding, CancellationToken ct)
    {
        string? stored;
        if (adding.Count == 1)
        {
            // The common case, one rule: a single seek on the unique (group, key) index (a collection parameter would
            // make the provider expand a JSON list per call).
            var key = adding[0].DuplicateKey;
            stored = await db.SecurityGroupRules.AsNoTracking()
                .Where(r => r.SecurityGroupId == groupId && r.DuplicateKey == key)
                .Select(r => r.Id).FirstOrDefaultAsync(ct);
        }
        else
        {
            var addingKeys = adding.Select(r => r.DuplicateKey).ToList();
            stored = await db.SecurityGroupRules.AsNoTracking()
                .Where(r => r.SecurityGroupId == groupId && addingKeys.Contains(r.DuplicateKey))
                .Select(r => r.Id).FirstOrDefaultAsync(ct);
        }
        if (stored is not null)
        {
            throw new NeutronException(NeutronErrors.RuleExists(stored));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            var keys = adding.Select(r => r.DuplicateKey).ToList();
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var existing = await fresh.SecurityGroupRules.AsNoTracking()
                .Where(r => r.SecurityGroupId == groupId && keys.Contains(r.DuplicateKey) && !adding.Select(a => a.Id).Contains(r.Id))
                .Select(r => r.Id).FirstOrDefaultAsync(ct);
            throw new NeutronException(NeutronErrors.RuleExists(existing ?? "unknown"));
        }
    }
}
