using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.DefaultRules;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>Bringing a tenant's existing groups up to the default rules (the drift report's "apply").</summary>
public sealed partial class SecurityGroupService
{
    /// <summary>
    /// Adds to every group of <paramref name="tenantId"/> the template rules meant for its kind of group that it lacks
    /// (<see cref="DefaultRuleDriftQuery.Rows"/>, worked out again inside the transaction), in ONE transaction: the rule
    /// path's checks (CloudAdmin only; the tenant's rule quota for all of them at once; semantics; references; before
    /// events, which may veto; duplicates; precommit events), one audit entry for the tenant, then the rules' after
    /// events. All or nothing: any refusal writes nothing. A tenant without drift is left untouched (no audit entry).
    /// </summary>
    public async Task<DefaultRulesApplied> ApplyDefaultRulesAsync(Caller caller, string tenantId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(tenantId);
        if (!caller.IsCloudAdmin)
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized("create_security_group_rule"));
        }
        var locks = WriterLocks.ForTenants(tenantId);
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            var quota = await RuleQuotaAndUsage(db, tenantId, ct);
            var template = await GroupTemplate.ReadAllAsync(db, ct);
            var missing = template.Count == 0 ? [] : await DefaultRuleDriftQuery.Rows(db, template, tenantId).ToListAsync(ct);
            if (missing.Count == 0)
            {
                // Unknown tenant (400, as the rule path) or nothing to do.
                CheckRuleQuota(quota, tenantId, 0);
                return new DefaultRulesApplied(tenantId, 0, 0);
            }
            CheckRuleQuota(quota, tenantId, missing.Count);

            var byId = template.ToDictionary(t => t.Id, DefaultRuleService.ToDomain);
            var order = template.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
            var groupIds = missing.Select(m => m.GroupId).Distinct().ToList();
            var groups = await db.SecurityGroups.Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
            var now = writes.Now();
            var added = new List<SecurityGroupRule>();
            var index = 0;
            foreach (var groupRows in missing.GroupBy(m => m.GroupId).OrderBy(g => groups[g.Key].Name, StringComparer.Ordinal).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                var group = groups[groupRows.Key];
                var entities = new List<SecurityGroupRule>();
                foreach (var row in groupRows.OrderBy(r => order[r.TemplateRuleId]))
                {
                    var semantic = RuleValidator.ValidateSemantics(DefaultRuleDrift.RuleFor(byId[row.TemplateRuleId], group.Id));
                    var rule = semantic.IsValid ? semantic.Rule : throw new NeutronException(semantic.Error!);
                    await CheckReferencesAsync(db, caller, tenantId, rule, locks, ct);
                    var entity = NewRule(rule, tenantId, InsertionTime(now, index++));
                    await writes.PublishAsync(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Create, EventPhase.Before, entity.Id, group.TenantId, group.Id, null, entity), ct);
                    entities.Add(entity);
                }
                CheckDuplicatesInRequest(entities);
                db.SecurityGroupRules.AddRange(entities);
                Touch(group, caller, now);
                await SaveRulesAsync(db, group.Id, entities, ct);
                foreach (var entity in entities)
                {
                    await writes.PublishVetoableAsync(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Create, EventPhase.Precommit, entity.Id, group.TenantId, group.Id, group.RevisionNumber, entity) with { Db = db },
                        veto => NeutronErrors.SecurityGroupConflict($"cannot perform precommit_create due to {veto.Message}"), ct);
                    after.Add(Event(caller, ResourceTypes.SecurityGroupRule, ResourceActions.Create, EventPhase.After, entity.Id, group.TenantId, group.Id, group.RevisionNumber));
                }
                added.AddRange(entities);
            }
            // One audited change for the tenant: every rule added, with its group.
            AuditLog.Record(db, caller, now, tenantId, ResourceActions.Update, ResourceTypes.Tenant, tenantId, null, new
            {
                default_rules_applied = added.Count,
                security_groups = groupIds.Count,
                rules = added.Select(AuditSnapshots.Of).ToList(),
            });
            await db.SaveChangesAsync(ct);
            return new DefaultRulesApplied(tenantId, groupIds.Count, added.Count);
        }, ct);
    }
}
