using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>The change sets of <see cref="SecurityGroupService"/>: several rule changes of one group saved at once.</summary>
public sealed partial class SecurityGroupService
{
    /// <summary>
    /// Adds, replaces and removes rules of one group in one transaction, all or nothing (the rules table editor).
    /// Each row is checked as its single write would be (the shared validator, remote references, Neutron's duplicate
    /// semantics against the rules that stay and within the draft), the rule quota is charged the net growth, and a
    /// changed or removed rule must still be at the revision it was edited from: one changed or deleted meanwhile
    /// refuses the whole set. A refusal is a <see cref="RuleChangeSetException"/> naming the row (authorization and a
    /// missing group stay a plain <see cref="NeutronException"/>). Every rule gets its own audit entry (create, replace,
    /// delete), all carrying the change set's id; open pages hear of it once.
    /// </summary>
    public async Task<RuleChangeSetResult> ApplyRuleChangeSetAsync(Caller caller, string groupId, RuleChangeSet changes, CancellationToken ct = default)
    {
        try
        {
            return await ApplyCheckedRuleChangeSetAsync(caller, groupId, changes, ct);
        }
        catch (RuleChangeSetException refusal)
        {
            Operations.AppMetrics.RecordRuleRefusal(refusal.Error);
            throw;
        }
        catch (NeutronException refusal)
        {
            Operations.AppMetrics.RecordRuleRefusal(refusal.Error);
            throw;
        }
    }

    private async Task<RuleChangeSetResult> ApplyCheckedRuleChangeSetAsync(Caller caller, string groupId, RuleChangeSet changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            throw new NeutronException(NeutronErrors.BadRequest("Resources required"));
        }
        var repeated = changes.Changed.Select(c => c.RuleId).Concat(changes.Removed.Select(r => r.RuleId))
            .GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new NeutronException(NeutronErrors.BadRequest($"Rule {repeated.Key} is changed or removed more than once"));
        }

        // Every row as its own write would check it (RuleValidator.Validate: attributes, then semantics).
        var added = ValidateRows(changes.Added, RuleChangeSetPart.Added, groupId, _ => null);
        var changed = ValidateRows(changes.Changed.Select(c => c.Input).ToList(), RuleChangeSetPart.Changed, groupId, i => changes.Changed[i].RuleId);

        var remoteGroups = added.Concat(changed).Select(r => r.RemoteGroupId).Prepend(groupId);
        var locks = WriterLocks.ForCaller(caller, WriterLockLookups.GroupTenants(remoteGroups));
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            var group = await GroupForWriteAsync(db, caller, groupId, "create_security_group_rule", ct);
            locks.Require(group.TenantId);

            // The rules edited and removed, as stored now: gone or at another revision is a conflict naming the rule.
            var touchedIds = changes.Changed.Select(c => c.RuleId).Concat(changes.Removed.Select(r => r.RuleId)).ToList();
            var stored = touchedIds.Count == 0
                ? []
                : await db.SecurityGroupRules.Where(r => r.SecurityGroupId == groupId && touchedIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            var oldOfChanged = changes.Changed.Select((c, i) => StoredAt(stored, c.RuleId, c.ExpectedRevision, RuleChangeSetPart.Changed, i)).ToList();
            var removed = changes.Removed.Select((r, i) => StoredAt(stored, r.RuleId, r.ExpectedRevision, RuleChangeSetPart.Removed, i)).ToList();

            // Policy before quota, as the single writes: only the net growth is charged (a replace keeps the count).
            var growth = added.Length - removed.Count;
            if (growth > 0)
            {
                // The whole set's refusal (OverQuota), not a row's.
                CheckRuleQuota(await RuleQuotaAndUsage(db, group.TenantId, ct), group.TenantId, growth);
            }
            for (var i = 0; i < added.Length; i++)
            {
                await AtRowAsync(RuleChangeSetPart.Added, i, null, () => CheckReferencesAsync(db, caller, group.TenantId, added[i], locks, ct));
            }
            for (var i = 0; i < changed.Length; i++)
            {
                await AtRowAsync(RuleChangeSetPart.Changed, i, changes.Changed[i].RuleId, () => CheckReferencesAsync(db, caller, group.TenantId, changed[i], locks, ct));
            }

            var now = writes.Now();
            var newAdded = added.Select((r, i) => NewRule(r, group.TenantId, InsertionTime(now, i))).ToList();
            var newChanged = changed.Select((r, i) => NewRule(r, group.TenantId, InsertionTime(now, added.Length + i))).ToList();
            await CheckChangeSetDuplicatesAsync(db, groupId, newAdded, newChanged, touchedIds, changes, ct);

            foreach (var old in oldOfChanged.Concat(removed))
            {
                await writes.PublishAsync(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Delete, EventPhase.Before, old.Id, group.TenantId, group.Id, group.RevisionNumber), ct);
            }
            foreach (var entity in newAdded.Concat(newChanged))
            {
                await writes.PublishAsync(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Create, EventPhase.Before, entity.Id, group.TenantId, group.Id, group.RevisionNumber, entity), ct);
            }

            // An edited rule keeps its tags (the old rule's go with it by cascade), as ReplaceRuleAsync.
            var taggedIds = oldOfChanged.Where(r => r.HasTags).Select(r => r.Id).ToList();
            var tags = taggedIds.Count == 0
                ? []
                : await db.SecurityGroupRuleTags.Where(t => taggedIds.Contains(t.SecurityGroupRuleId)).ToListAsync(ct);
            for (var i = 0; i < removed.Count; i++)
            {
                var rule = removed[i];
                var metadata = new Dictionary<string, object?> { ["security_group_id"] = group.Id };
                await AtRowAsync(RuleChangeSetPart.Removed, i, rule.Id, () => writes.PublishVetoableAsync(
                    Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Delete, EventPhase.Precommit, rule.Id, group.TenantId, group.Id, group.RevisionNumber, rule, metadata) with { Db = db },
                    veto => NeutronErrors.SecurityGroupRuleInUse("None", $"cannot perform precommit_delete due to {veto.Message}"), ct));
            }
            db.SecurityGroupRules.RemoveRange(oldOfChanged.Concat(removed));
            // Flush the deletes first, so that a new rule with an old rule's key does not trip the unique index.
            await db.SaveChangesAsync(ct);

            db.SecurityGroupRules.AddRange(newAdded);
            db.SecurityGroupRules.AddRange(newChanged);
            for (var i = 0; i < newChanged.Count; i++)
            {
                var oldId = oldOfChanged[i].Id;
                var kept = tags.Where(t => t.SecurityGroupRuleId == oldId).Select(t => t.Tag).ToList();
                newChanged[i].HasTags = kept.Count > 0;
                db.SecurityGroupRuleTags.AddRange(kept.Select(t => new Data.Tags.SecurityGroupRuleTag { SecurityGroupRuleId = newChanged[i].Id, Tag = t }));
            }
            Touch(group, caller, now);

            var changeSetId = Guid.NewGuid().ToString("N");
            foreach (var entity in newAdded)
            {
                AuditLog.Record(db, caller, now, group.TenantId, ResourceActions.Create, ResourceTypes.SecurityGroupRule, entity.Id, null, AuditSnapshots.Of(entity)).ChangeSetId = changeSetId;
            }
            for (var i = 0; i < newChanged.Count; i++)
            {
                AuditLog.Record(db, caller, now, group.TenantId, ResourceActions.Replace, ResourceTypes.SecurityGroupRule, newChanged[i].Id,
                    AuditSnapshots.Of(oldOfChanged[i]), AuditSnapshots.Of(newChanged[i])).ChangeSetId = changeSetId;
            }
            foreach (var rule in removed)
            {
                AuditLog.Record(db, caller, now, group.TenantId, ResourceActions.Delete, ResourceTypes.SecurityGroupRule, rule.Id, AuditSnapshots.Of(rule), null).ChangeSetId = changeSetId;
            }
            // The stored duplicates were looked up above; SaveRulesAsync looks again just before the insert and
            // answers a violation of the unique index as Neutron's 409.
            await SaveRulesAsync(db, group.Id, [.. newAdded, .. newChanged], ct);
            for (var i = 0; i < newAdded.Count + newChanged.Count; i++)
            {
                var entity = i < newAdded.Count ? newAdded[i] : newChanged[i - newAdded.Count];
                var (part, index) = i < newAdded.Count ? (RuleChangeSetPart.Added, i) : (RuleChangeSetPart.Changed, i - newAdded.Count);
                await AtRowAsync(part, index, part == RuleChangeSetPart.Changed ? changes.Changed[index].RuleId : null, () => writes.PublishVetoableAsync(
                    Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Create, EventPhase.Precommit, entity.Id, group.TenantId, group.Id, group.RevisionNumber, entity) with { Db = db },
                    veto => NeutronErrors.SecurityGroupConflict($"cannot perform precommit_create due to {veto.Message}"), ct));
            }

            // One notification for the whole set: open pages of the group read it once.
            after.Add(Event(caller, ResourceTypes.SecurityGroup, ResourceActions.Update, EventPhase.After, group.Id, group.TenantId, group.Id, group.RevisionNumber,
                metadata: new Dictionary<string, object?>
                {
                    ["change_set_id"] = changeSetId,
                    ["added"] = newAdded.Select(r => r.Id).ToArray(),
                    ["changed"] = newChanged.Select(r => r.Id).ToArray(),
                    ["removed"] = removed.Select(r => r.Id).ToArray(),
                }));
            return new RuleChangeSetResult(changeSetId, newAdded, newChanged, [.. removed.Select(r => r.Id)], group.RevisionNumber);
        }, ct);
    }

    /// <summary>The rows validated with the shared validator; the first invalid one refuses the set, naming the row.</summary>
    private static NormalizedRule[] ValidateRows(IReadOnlyList<RuleInput> inputs, RuleChangeSetPart part, string groupId, Func<int, string?> ruleId)
    {
        var rules = new NormalizedRule[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var validated = RuleValidator.Validate(inputs[i]);
            if (!validated.IsValid)
            {
                throw new RuleChangeSetException(validated.Error!, part, i, ruleId(i));
            }
            if (validated.Rule.SecurityGroupId != groupId)
            {
                throw new RuleChangeSetException(NeutronErrors.NotSingleGroupRules(), part, i, ruleId(i));
            }
            rules[i] = validated.Rule;
        }
        return rules;
    }

    /// <summary>A changed or removed rule as stored, at the revision it was edited from; else a conflict naming it.</summary>
    private static SecurityGroupRule StoredAt(Dictionary<string, SecurityGroupRule> stored, string ruleId, long expectedRevision, RuleChangeSetPart part, int index)
    {
        if (!stored.TryGetValue(ruleId, out var rule))
        {
            // Deleted meanwhile (or edited: an edit replaces a rule by a new one), or never this group's.
            throw new RuleChangeSetException(NeutronErrors.SecurityGroupRuleNotFound(ruleId), part, index, ruleId);
        }
        if (rule.RevisionNumber != expectedRevision)
        {
            throw new RuleChangeSetException(NeutronErrors.RevisionMismatch(expectedRevision, rule.RevisionNumber), part, index, ruleId);
        }
        return rule;
    }

    /// <summary>
    /// Neutron's duplicate semantics over the group as it will be: two new rules alike are
    /// <c>DuplicateSecurityGroupRuleInPost</c>; a new rule alike a rule that stays is <c>SecurityGroupRuleExists</c> naming
    /// it. Rules changed or removed by the set do not stay, so swapping two rules' values is no duplicate.
    /// </summary>
    private static async Task CheckChangeSetDuplicatesAsync(Data.AppDbContext db, string groupId, List<SecurityGroupRule> added, List<SecurityGroupRule> changed,
        List<string> leaving, RuleChangeSet changes, CancellationToken ct)
    {
        var rows = added.Select((r, i) => (Rule: r, Part: RuleChangeSetPart.Added, Index: i, RuleId: (string?)null))
            .Concat(changed.Select((r, i) => (Rule: r, Part: RuleChangeSetPart.Changed, Index: i, RuleId: (string?)changes.Changed[i].RuleId)))
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!seen.Add(row.Rule.DuplicateKey))
            {
                throw new RuleChangeSetException(NeutronErrors.DuplicateRuleInPost(), row.Part, row.Index, row.RuleId);
            }
        }
        var keys = rows.Select(r => r.Rule.DuplicateKey).ToList();
        var staying = await db.SecurityGroupRules.AsNoTracking()
            .Where(r => r.SecurityGroupId == groupId && keys.Contains(r.DuplicateKey) && !leaving.Contains(r.Id))
            .Select(r => new { r.Id, r.DuplicateKey }).ToListAsync(ct);
        foreach (var row in rows)
        {
            if (staying.FirstOrDefault(s => s.DuplicateKey == row.Rule.DuplicateKey) is { } existing)
            {
                throw new RuleChangeSetException(NeutronErrors.RuleExists(existing.Id), row.Part, row.Index, row.RuleId);
            }
        }
    }

    /// <summary>Runs a check of one row; its Neutron refusal becomes the change set's, naming the row.</summary>
    private static async Task AtRowAsync(RuleChangeSetPart part, int index, string? ruleId, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (NeutronException refusal)
        {
            throw new RuleChangeSetException(refusal.Error, part, index, ruleId);
        }
    }
}
