using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.DefaultRules;
using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.DefaultRules;

/// <summary>
/// The only write path for the default security group rules (the template new groups are made from), and their
/// reads. As Neutron's policy: everyone signed in reads, only a CloudAdmin writes. Every change: the rules checked in
/// Neutron's order (attributes, then policy, then duplicates) → one transaction under the global writer lock (group
/// creations read the template under a shared hold of it, so none sees half a change) with an audit entry per rule →
/// an after-commit event. The template belongs to no tenant: audit entries and events carry an empty tenant.
/// </summary>
public sealed class DefaultRuleService(IDbContextFactory<AppDbContext> dbFactory, WritePipeline writes)
{
    /// <summary>The whole template in its order (it is a handful of rules: Neutron's list is not paged by default either).</summary>
    public async Task<List<DefaultSecurityGroupRule>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DefaultSecurityGroupRules.AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>One template rule; 404 <c>DefaultSecurityGroupRuleNotFound</c>.</summary>
    public async Task<DefaultSecurityGroupRule> GetAsync(Caller caller, string id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DefaultSecurityGroupRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NeutronException(NeutronErrors.DefaultSecurityGroupRuleNotFound(id));
    }

    public async Task<DefaultSecurityGroupRule> CreateAsync(Caller caller, DefaultRuleInput input, CancellationToken ct = default) =>
        (await CreateAsync(caller, [input], ct))[0];

    /// <summary>Adds one or more rules to the template, all or nothing.</summary>
    public async Task<List<DefaultSecurityGroupRule>> CreateAsync(Caller caller, IReadOnlyList<DefaultRuleInput> inputs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new NeutronException(NeutronErrors.BadRequest("Resources required"));
        }
        // Neutron's API layer: every body is converted and validated, then the policy is enforced per item.
        var rules = new List<DefaultRule>();
        foreach (var input in inputs)
        {
            var validation = DefaultRuleValidator.Validate(input);
            if (!validation.IsValid)
            {
                throw new NeutronException(validation.Error!);
            }
            rules.Add(validation.Rule);
        }
        RequireAdmin(caller, "create_default_security_group_rule");

        return await writes.WriteAsync(WriterLocks.Global(), async (db, after) =>
        {
            var stored = await db.DefaultSecurityGroupRules.AsNoTracking().ToListAsync(ct);
            var duplicate = DefaultRuleDuplicates.Check([.. stored.Select(s => (s.Id, ToDomain(s)))], rules);
            if (duplicate is not null)
            {
                throw new NeutronException(duplicate);
            }
            var now = writes.Now();
            var created = new List<DefaultSecurityGroupRule>();
            foreach (var (rule, index) in rules.Select((r, i) => (r, i)))
            {
                var row = new DefaultSecurityGroupRule
                {
                    Direction = rule.Rule.Direction,
                    Ethertype = rule.Rule.Ethertype,
                    Protocol = rule.Rule.Protocol,
                    PortRangeMin = rule.Rule.PortRangeMin,
                    PortRangeMax = rule.Rule.PortRangeMax,
                    RemoteIpPrefix = rule.Rule.RemoteIpPrefix,
                    RemoteGroupId = rule.Rule.RemoteGroupId,
                    RemoteAddressGroupId = rule.Rule.RemoteAddressGroupId,
                    Description = rule.Rule.Description,
                    UsedInDefaultSg = rule.UsedInDefaultSg,
                    UsedInNonDefaultSg = rule.UsedInNonDefaultSg,
                    CreatedAt = InsertionTime(now, index),
                };
                db.DefaultSecurityGroupRules.Add(row);
                AuditLog.Record(db, caller, now, "", ResourceActions.Create, ResourceTypes.DefaultSecurityGroupRule, row.Id, null, AuditSnapshots.Of(row));
                after.Add(Event(caller, ResourceTypes.DefaultSecurityGroupRule, ResourceActions.Create, EventPhase.After, row.Id, "", null, null));
                created.Add(row);
            }
            await db.SaveChangesAsync(ct);
            return created;
        }, ct);
    }

    /// <summary>Removes a rule from the template (groups made from it keep their rules): 404 when missing, then 403 unless CloudAdmin.</summary>
    public async Task DeleteAsync(Caller caller, string id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await writes.WriteAsync(WriterLocks.Global(), async (db, after) =>
        {
            var row = await db.DefaultSecurityGroupRules.FirstOrDefaultAsync(r => r.Id == id, ct)
                ?? throw new NeutronException(NeutronErrors.DefaultSecurityGroupRuleNotFound(id));
            RequireAdmin(caller, "delete_default_security_group_rule");
            var now = writes.Now();
            AuditLog.Record(db, caller, now, "", ResourceActions.Delete, ResourceTypes.DefaultSecurityGroupRule, id, AuditSnapshots.Of(row), null);
            db.DefaultSecurityGroupRules.Remove(row);
            await db.SaveChangesAsync(ct);
            after.Add(Event(caller, ResourceTypes.DefaultSecurityGroupRule, ResourceActions.Delete, EventPhase.After, id, "", null, null));
            return true;
        }, ct);
    }

    /// <summary>A stored template rule in the validator's form (for the duplicate check).</summary>
    public static DefaultRule ToDomain(DefaultSecurityGroupRule row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new DefaultRule(row.ToNormalized(), row.UsedInDefaultSg, row.UsedInNonDefaultSg);
    }

    private static void RequireAdmin(Caller caller, string action)
    {
        if (!caller.IsCloudAdmin)
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized(action));
        }
    }
}
