using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.DefaultRules;
using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.DefaultRules;

/// <summary>
/// The drift report (read side, CloudAdmin only): existing groups that lack template rules meant for their kind of
/// group (<see cref="DefaultRuleDrift"/>), per tenant. Computed in SQL, never by loading rules: for each template rule
/// (a handful) the groups of its kind without a rule of the same duplicate key (<see cref="TemplateRuleKey"/>, one
/// seek each on the unique (group, key) index), as one UNION ALL; tenants and groups are counted and paged in SQL.
/// </summary>
public sealed class DefaultRuleDriftQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>One page of the tenants with drift, by name.</summary>
    public async Task<DefaultRuleDriftTenantPage> TenantsAsync(Caller caller, int skip, int take, CancellationToken ct = default)
    {
        RequireCloudAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await GroupTemplate.ReadAllAsync(db, ct);
        var compared = await db.SecurityGroups.CountAsync(ct);
        if (template.Count == 0)
        {
            return new DefaultRuleDriftTenantPage([], 0, compared);
        }
        var perTenant = Rows(db, template, tenantId: null)
            .GroupBy(r => r.TenantId)
            .Select(g => new { TenantId = g.Key, Groups = g.Select(r => r.GroupId).Distinct().Count(), Missing = g.Count() });
        var total = await perTenant.CountAsync(ct);
        var page = await perTenant
            .Join(db.Tenants, d => d.TenantId, t => t.Id, (d, t) => new { t.Id, t.Name, d.Groups, d.Missing })
            .OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Skip(skip).Take(take)
            .Select(t => new DefaultRuleDriftTenant(t.Id, t.Name, t.Groups, t.Missing))
            .ToListAsync(ct);
        return new DefaultRuleDriftTenantPage(page, total, compared);
    }

    /// <summary>One page of a tenant's groups with drift (default group first, then by name) and what each lacks.</summary>
    public async Task<DefaultRuleDriftGroupPage> GroupsAsync(Caller caller, string tenantId, int skip, int take, CancellationToken ct = default)
    {
        RequireCloudAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await GroupTemplate.ReadAllAsync(db, ct);
        if (template.Count == 0)
        {
            return new DefaultRuleDriftGroupPage([], 0);
        }
        var rows = Rows(db, template, tenantId);
        var perGroup = rows.GroupBy(r => r.GroupId).Select(g => g.Key);
        var total = await perGroup.CountAsync(ct);
        var defaults = db.DefaultSecurityGroups.Select(d => d.SecurityGroupId);
        var groups = await db.SecurityGroups
            .Where(g => perGroup.Contains(g.Id))
            .Select(g => new { g.Id, g.Name, IsDefault = defaults.Contains(g.Id) })
            .OrderByDescending(g => g.IsDefault).ThenBy(g => g.Name).ThenBy(g => g.Id)
            .Skip(skip).Take(take)
            .ToListAsync(ct);
        var ids = groups.Select(g => g.Id).ToList();
        var missing = (await rows.Where(r => ids.Contains(r.GroupId)).ToListAsync(ct)).ToLookup(r => r.GroupId, r => r.TemplateRuleId);
        return new DefaultRuleDriftGroupPage(
            [.. groups.Select(g => new DefaultRuleDriftGroup(g.Id, g.Name, g.IsDefault, [.. template.Where(t => missing[g.Id].Contains(t.Id))]))],
            total);
    }

    /// <summary>
    /// The (tenant, group, template rule) of every template rule a group lacks, optionally of one tenant, as a query:
    /// also used inside the apply's write transaction.
    /// </summary>
    public static IQueryable<DefaultRuleDriftRow> Rows(AppDbContext db, IReadOnlyList<DefaultSecurityGroupRule> template, string? tenantId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(template);
        var groups = tenantId is null ? db.SecurityGroups : db.SecurityGroups.Where(g => g.TenantId == tenantId);
        IQueryable<DefaultRuleDriftRow>? rows = null;
        foreach (var row in template)
        {
            var rule = DefaultRuleService.ToDomain(row);
            var kind = (rule.UsedInDefaultSg, rule.UsedInNonDefaultSg) switch
            {
                (true, true) => groups,
                (true, false) => groups.Where(g => db.DefaultSecurityGroups.Any(d => d.SecurityGroupId == g.Id)),
                (false, true) => groups.Where(g => !db.DefaultSecurityGroups.Any(d => d.SecurityGroupId == g.Id)),
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }
            var key = TemplateRuleKey.Of(rule);
            var (before, after, id) = (key.Before, key.After, row.Id);
            var lacking = key.NamesParent
                ? kind.Where(g => !db.SecurityGroupRules.Any(r => r.SecurityGroupId == g.Id && r.DuplicateKey == before + g.Id + after))
                : kind.Where(g => !db.SecurityGroupRules.Any(r => r.SecurityGroupId == g.Id && r.DuplicateKey == before));
            // The template rule's id read from its row, not a parameter: a set operation's columns must be columns.
            var part = lacking.SelectMany(g => db.DefaultSecurityGroupRules.Where(t => t.Id == id),
                (g, t) => new DefaultRuleDriftRow { TenantId = g.TenantId, GroupId = g.Id, TemplateRuleId = t.Id });
            rows = rows is null ? part : rows.Concat(part);
        }
        return rows ?? db.SecurityGroups.Where(_ => false).Select(g => new DefaultRuleDriftRow { TenantId = g.TenantId, GroupId = g.Id, TemplateRuleId = g.Id });
    }

    private static void RequireCloudAdmin(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsCloudAdmin)
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized("get_default_security_group_rule_drift"));
        }
    }
}
