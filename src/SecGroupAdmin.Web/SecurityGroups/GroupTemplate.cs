using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.DefaultRules;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Domain.Rules;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// The rules a new group starts with: the default security group rules (the template, <c>/v2.0/default-security-group-rules</c>)
/// meant for its kind of group, <c>PARENT</c> becoming the new group (neutron/db/securitygroups_db.py:
/// _create_rules_from_template). Template rules get no description, no duplicate check and no rule events.
/// </summary>
public static class GroupTemplate
{
    /// <summary>
    /// The template rules for a tenant's default group (<paramref name="defaultGroup"/>) or for any other new group, in
    /// the template's order. Read inside the write transaction: a template write takes the global writer lock, so the
    /// template cannot change under a group creation.
    /// </summary>
    /// A template rule naming a remote group that no longer exists is left out (the rule could not reference it).
    public static Task<List<DefaultSecurityGroupRule>> ReadAsync(AppDbContext db, bool defaultGroup, CancellationToken ct) =>
        Usable(db, defaultGroup ? db.DefaultSecurityGroupRules.Where(r => r.UsedInDefaultSg) : db.DefaultSecurityGroupRules.Where(r => r.UsedInNonDefaultSg))
            .ToListAsync(ct);

    /// <summary>The template rules for both kinds of group, as <see cref="ReadAsync"/> leaves them (the drift report compares existing groups with these).</summary>
    public static Task<List<DefaultSecurityGroupRule>> ReadAllAsync(AppDbContext db, CancellationToken ct) =>
        Usable(db, db.DefaultSecurityGroupRules.Where(r => r.UsedInDefaultSg || r.UsedInNonDefaultSg)).ToListAsync(ct);

    private static IQueryable<DefaultSecurityGroupRule> Usable(AppDbContext db, IQueryable<DefaultSecurityGroupRule> rules) =>
        rules.Where(r => r.RemoteGroupId == null || r.RemoteGroupId == DefaultRule.Parent || db.SecurityGroups.Any(g => g.Id == r.RemoteGroupId))
            .AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id);

    /// <summary>
    /// The rules <paramref name="group"/> gets from <paramref name="template"/>, each a microsecond after the previous
    /// one so that their order survives a reload.
    /// </summary>
    public static SecurityGroupRule[] Rules(SecurityGroup group, IEnumerable<DefaultSecurityGroupRule> template, DateTime now) =>
        [.. template.Select((t, i) => Rule(group, t, InsertionTime(now, i)))];

    /// <summary>The 4 rules of a default group from the template as first installed (for seeding benchmark data).</summary>
    public static SecurityGroupRule[] DefaultGroupRules(SecurityGroup group, DateTime now) =>
        Rules(group, DefaultSecurityGroupRuleConfiguration.Seed.Where(r => r.UsedInDefaultSg), now);

    /// <summary>The 2 egress rules of another group from the template as first installed (for seeding benchmark data).</summary>
    public static SecurityGroupRule[] NewGroupRules(SecurityGroup group, DateTime now) =>
        Rules(group, DefaultSecurityGroupRuleConfiguration.Seed.Where(r => r.UsedInNonDefaultSg), now);

    private static SecurityGroupRule Rule(SecurityGroup group, DefaultSecurityGroupRule template, DateTime now)
    {
        var remoteGroupId = template.RemoteGroupId == DefaultRule.Parent ? group.Id : template.RemoteGroupId;
        var normalized = template.ToNormalized() with { SecurityGroupId = group.Id, RemoteGroupId = remoteGroupId, Description = "" };
        return new SecurityGroupRule
        {
            Id = SecurityGroupRule.NewId(),
            SecurityGroupId = group.Id,
            TenantId = group.TenantId,
            Direction = template.Direction,
            Ethertype = template.Ethertype,
            Protocol = template.Protocol,
            PortRangeMin = template.PortRangeMin,
            PortRangeMax = template.PortRangeMax,
            RemoteIpPrefix = template.RemoteIpPrefix,
            NormalizedCidr = normalized.NormalizedCidr,
            RemoteGroupId = remoteGroupId,
            RemoteAddressGroupId = template.RemoteAddressGroupId,
            Description = null,
            DuplicateKey = RuleKey.For(normalized).ToStorageString(),
            Exposure = RuleExposure.Of(normalized).Reason,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
