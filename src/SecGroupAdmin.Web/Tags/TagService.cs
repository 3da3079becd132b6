using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Data.Tags;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Domain.Tags;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.Tags;

/// <summary>
/// The only write path for tags of security groups and rules, and their reads. Every change: the tags checked by
/// <see cref="TagValidator"/> (Neutron's order: the tag or body first, then the resource, then the policy) → one
/// transaction of the <see cref="WritePipeline"/> (visibility, policy, the change, the resource's revision, its audit
/// entry) → an after-commit event (the group's live refresh). A resource the caller cannot see is
/// <c>TagResourceNotFound</c>; a reader's (or the Auditor's) change is 403. Replacing all tags is all or nothing.
/// </summary>
public sealed class TagService(IDbContextFactory<AppDbContext> dbFactory, WritePipeline writes)
{
    /// <summary>The tags of a group or rule, in ordinal order.</summary>
    public async Task<List<string>> GetAsync(Caller caller, TaggedKind kind, string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = await OwnerAsync(db, kind, id, ct);
        if (owner is null || (!caller.CanRead(owner.Value.Tenant) && !await SharedGroupAsync(db, caller, kind, id, ct)))
        {
            throw new NeutronException(ResourceNotFound(kind, id));
        }
        return await TagsAsync(db, kind, id, ct);
    }

    /// <summary><c>GET …/tags/{tag}</c>: nothing when the resource carries the tag, else 404 <c>TagNotFound</c>.</summary>
    public async Task CheckAsync(Caller caller, TaggedKind kind, string id, string tag, CancellationToken ct = default)
    {
        Refuse(TagValidator.ValidateTag(tag));
        var tags = await GetAsync(caller, kind, id, ct);
        if (!tags.Contains(tag, StringComparer.Ordinal))
        {
            throw new NeutronException(TagErrors.TagNotFound(tag));
        }
    }

    /// <summary>The tags of many groups at once (one query), for lists and pages: id → tags in ordinal order.</summary>
    public static async Task<Dictionary<string, List<string>>> GroupTagsAsync(AppDbContext db, IReadOnlyCollection<string> groupIds, CancellationToken ct)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (groupIds.Count == 0)
        {
            return result;
        }
        var ids = groupIds.ToList();
        var rows = ids.Count == 1
            ? db.SecurityGroupTags.Where(t => t.SecurityGroupId == ids[0])
            : db.SecurityGroupTags.Where(t => EF.Parameter(ids).Contains(t.SecurityGroupId));
        await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            Add(result, row.SecurityGroupId, row.Tag);
        }
        SortAll(result);
        return result;
    }

    /// <summary>The tags of many rules at once (one query): id → tags in ordinal order.</summary>
    public static async Task<Dictionary<string, List<string>>> RuleTagsAsync(AppDbContext db, IReadOnlyCollection<string> ruleIds, CancellationToken ct)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (ruleIds.Count == 0)
        {
            return result;
        }
        var ids = ruleIds.ToList();
        var rows = ids.Count == 1
            ? db.SecurityGroupRuleTags.Where(t => t.SecurityGroupRuleId == ids[0])
            : db.SecurityGroupRuleTags.Where(t => EF.Parameter(ids).Contains(t.SecurityGroupRuleId));
        await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            Add(result, row.SecurityGroupRuleId, row.Tag);
        }
        SortAll(result);
        return result;
    }

    /// <summary>
    /// Sets <see cref="SecurityGroup.Tags"/> of each group: one query for the groups that have tags, none when no group
    /// has (<see cref="SecurityGroup.HasTags"/> must have been read).
    /// </summary>
    public static async Task FillGroupTagsAsync(AppDbContext db, IReadOnlyCollection<SecurityGroup> groups, CancellationToken ct)
    {
        var tags = await GroupTagsAsync(db, [.. groups.Where(g => g.HasTags).Select(g => g.Id)], ct);
        foreach (var group in groups)
        {
            group.Tags = tags.TryGetValue(group.Id, out var list) ? list : [];
        }
    }

    /// <summary>
    /// Sets <see cref="SecurityGroupRule.Tags"/> of each rule: one query for the rules that have tags, none when no rule
    /// has (<see cref="SecurityGroupRule.HasTags"/> must have been read).
    /// </summary>
    public static async Task FillRuleTagsAsync(AppDbContext db, IReadOnlyCollection<SecurityGroupRule> rules, CancellationToken ct)
    {
        var tags = await RuleTagsAsync(db, [.. rules.Where(r => r.HasTags).Select(r => r.Id)], ct);
        foreach (var rule in rules)
        {
            rule.Tags = tags.TryGetValue(rule.Id, out var list) ? list : [];
        }
    }

    /// <summary>Sets the tags of a group to be shown and of its loaded rules (two indexed reads).</summary>
    public async Task FillAsync(SecurityGroup group, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await FillGroupTagsAsync(db, [group], ct);
        await FillRuleTagsAsync(db, group.Rules, ct);
    }

    /// <summary>Sets the tags of rules to be shown.</summary>
    public async Task FillAsync(IReadOnlyCollection<SecurityGroupRule> rules, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await FillRuleTagsAsync(db, rules, ct);
    }

    /// <summary>The tags of the given groups, read with a context of its own (for callers without one).</summary>
    public async Task<Dictionary<string, List<string>>> GroupTagsAsync(IReadOnlyCollection<string> groupIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await GroupTagsAsync(db, groupIds, ct);
    }

    /// <summary>The tags of the given rules, read with a context of its own.</summary>
    public async Task<Dictionary<string, List<string>>> RuleTagsAsync(IReadOnlyCollection<string> ruleIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RuleTagsAsync(db, ruleIds, ct);
    }

    /// <summary><c>PUT …/tags/{tag}</c>: adds one tag (nothing changes when it is already there).</summary>
    public Task<List<string>> AddAsync(Caller caller, TaggedKind kind, string id, string tag, CancellationToken ct = default)
    {
        Refuse(TagValidator.ValidateTag(tag));
        return ChangeAsync(caller, kind, id, "update", current => [.. current, tag], ct);
    }

    /// <summary><c>POST …/tags</c>: adds several tags to those there.</summary>
    public Task<List<string>> AddManyAsync(Caller caller, TaggedKind kind, string id, TagListInput body, CancellationToken ct = default)
    {
        Refuse(TagValidator.ValidateBody(body, out var tags));
        return ChangeAsync(caller, kind, id, "create", current => [.. current, .. tags], ct);
    }

    /// <summary><c>PUT …/tags</c>: replaces all tags, all or nothing.</summary>
    public Task<List<string>> ReplaceAsync(Caller caller, TaggedKind kind, string id, TagListInput body, CancellationToken ct = default)
    {
        Refuse(TagValidator.ValidateBody(body, out var tags));
        return ChangeAsync(caller, kind, id, "update", _ => tags, ct);
    }

    /// <summary>Replaces all tags with a list of strings (the UI).</summary>
    public Task<List<string>> ReplaceAsync(Caller caller, TaggedKind kind, string id, IEnumerable<string> tags, CancellationToken ct = default) =>
        ReplaceAsync(caller, kind, id, TagListInput.FromStrings(tags), ct);

    /// <summary><c>DELETE …/tags/{tag}</c>: removes one tag; 404 <c>TagNotFound</c> when it is not there.</summary>
    public Task<List<string>> RemoveAsync(Caller caller, TaggedKind kind, string id, string tag, CancellationToken ct = default)
    {
        Refuse(TagValidator.ValidateTag(tag));
        return ChangeAsync(caller, kind, id, "delete", current => current.Contains(tag, StringComparer.Ordinal)
            ? [.. current.Where(t => t != tag)]
            : throw new NeutronException(TagErrors.TagNotFound(tag)), ct);
    }

    /// <summary><c>DELETE …/tags</c>: removes every tag.</summary>
    public Task<List<string>> RemoveAllAsync(Caller caller, TaggedKind kind, string id, CancellationToken ct = default) =>
        ChangeAsync(caller, kind, id, "delete", _ => [], ct);

    /// <summary>
    /// Reads the resource under its tenant's writer lock, checks visibility and policy, computes the new tag set from
    /// the current one, and writes the difference with the resource's revision, the audit entry and the event.
    /// </summary>
    private async Task<List<string>> ChangeAsync(Caller caller, TaggedKind kind, string id, string verb,
        Func<List<string>, IEnumerable<string>> next, CancellationToken ct)
    {
        var lookup = kind == TaggedKind.SecurityGroup
            ? WriterLockLookups.GroupTenants([id])
            : WriterLockLookups.RuleGroupTenants([id]);
        var locks = WriterLocks.ForCaller(caller, lookup);
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            var owner = await OwnerAsync(db, kind, id, ct);
            if (owner is null || !caller.CanRead(owner.Value.Tenant))
            {
                // A group shared with the caller's tenant is not theirs to tag (Neutron 2025.1; Zed let them).
                throw new NeutronException(owner is not null && await SharedGroupAsync(db, caller, kind, id, ct)
                    ? NeutronErrors.PolicyNotAuthorized($"{verb}_{Collection(kind)}_tags")
                    : ResourceNotFound(kind, id));
            }
            var (tenant, groupId) = owner.Value;
            locks.Require(tenant);
            if (!caller.CanWrite(tenant))
            {
                throw new NeutronException(NeutronErrors.PolicyNotAuthorized($"{verb}_{Collection(kind)}_tags"));
            }
            var current = await TagsAsync(db, kind, id, ct);
            var wanted = next(current).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (wanted.SequenceEqual(current, StringComparer.Ordinal))
            {
                return current;
            }
            Refuse(TagValidator.ValidateCount(wanted.Count));
            var removed = current.Except(wanted, StringComparer.Ordinal).ToList();
            var added = wanted.Except(current, StringComparer.Ordinal).ToList();
            var now = writes.Now();
            long? revision; // the group's new revision in the event; a rule's tags leave the group's as it is
            if (kind == TaggedKind.SecurityGroup)
            {
                await db.SecurityGroupTags.Where(t => t.SecurityGroupId == id && removed.Contains(t.Tag)).ExecuteDeleteAsync(ct);
                db.SecurityGroupTags.AddRange(added.Select(t => new SecurityGroupTag { SecurityGroupId = id, Tag = t }));
                var group = await db.SecurityGroups.FirstAsync(g => g.Id == id, ct);
                group.RevisionNumber++;
                group.HasTags = wanted.Count > 0;
                group.UpdatedAt = now;
                group.UpdatedBy = caller.UserName;
                revision = group.RevisionNumber;
            }
            else
            {
                await db.SecurityGroupRuleTags.Where(t => t.SecurityGroupRuleId == id && removed.Contains(t.Tag)).ExecuteDeleteAsync(ct);
                db.SecurityGroupRuleTags.AddRange(added.Select(t => new SecurityGroupRuleTag { SecurityGroupRuleId = id, Tag = t }));
                var rule = await db.SecurityGroupRules.FirstAsync(r => r.Id == id, ct);
                rule.RevisionNumber++;
                rule.HasTags = wanted.Count > 0;
                rule.UpdatedAt = now;
                // Not the rule's revision: open group pages compare the event's revision with the group's they show,
                // and would take a rule's (smaller) number for a change they already show.
                revision = null;
            }
            var type = kind == TaggedKind.SecurityGroup ? ResourceTypes.SecurityGroup : ResourceTypes.SecurityGroupRule;
            AuditLog.Record(db, caller, now, tenant, ResourceActions.Update, type, id,
                new { id, tags = current.ToArray() }, new { id, tags = wanted.ToArray() });
            await db.SaveChangesAsync(ct);
            after.Add(Event(caller, type, ResourceActions.Update, EventPhase.After, id, tenant, groupId, revision));
            return wanted;
        }, ct);
    }

    /// <summary>The tenant whose access decides (the group's; for a rule, its group's) and the group, or null when gone.</summary>
    private static async Task<(string Tenant, string GroupId)?> OwnerAsync(AppDbContext db, TaggedKind kind, string id, CancellationToken ct)
    {
        if (kind == TaggedKind.SecurityGroup)
        {
            var tenant = await db.SecurityGroups.Where(g => g.Id == id).Select(g => g.TenantId).FirstOrDefaultAsync(ct);
            return tenant is null ? null : (tenant, id);
        }
        var rule = await db.SecurityGroupRules.Where(r => r.Id == id)
            .Select(r => new { r.SecurityGroupId, r.SecurityGroup!.TenantId }).FirstOrDefaultAsync(ct);
        return rule is null ? null : (rule.TenantId, rule.SecurityGroupId);
    }

    private static async Task<List<string>> TagsAsync(AppDbContext db, TaggedKind kind, string id, CancellationToken ct)
    {
        var tags = kind == TaggedKind.SecurityGroup
            ? await db.SecurityGroupTags.Where(t => t.SecurityGroupId == id).Select(t => t.Tag).ToListAsync(ct)
            : await db.SecurityGroupRuleTags.Where(t => t.SecurityGroupRuleId == id).Select(t => t.Tag).ToListAsync(ct);
        tags.Sort(StringComparer.Ordinal);
        return tags;
    }

    /// <summary>Neutron's collection name as its tag messages and policies spell it.</summary>
    private static string Collection(TaggedKind kind) =>
        kind == TaggedKind.SecurityGroup ? "security_groups" : "security_group_rules";

    private static NeutronError ResourceNotFound(TaggedKind kind, string id) => TagErrors.TagResourceNotFound(Collection(kind), id);

    private static void Add(Dictionary<string, List<string>> map, string id, string tag)
    {
        if (!map.TryGetValue(id, out var list))
        {
            map[id] = list = [];
        }
        list.Add(tag);
    }

    private static void SortAll(Dictionary<string, List<string>> map)
    {
        foreach (var list in map.Values)
        {
            list.Sort(StringComparer.Ordinal);
        }
    }

    private static void Refuse(NeutronError? error)
    {
        if (error is not null)
        {
            throw new NeutronException(error);
        }
    }

    /// <summary>Whether the resource is a group shared with the caller's tenant (its tags are readable there, not writable).</summary>
    private static async Task<bool> SharedGroupAsync(AppDbContext db, Caller caller, TaggedKind kind, string id, CancellationToken ct) =>
        kind == TaggedKind.SecurityGroup && await Sharing.IsSharedWithCallerAsync(db, caller, RbacObjectTypes.SecurityGroup, id, ct);
}
