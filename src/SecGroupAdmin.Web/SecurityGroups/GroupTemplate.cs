using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Rules;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// The rules a group starts with (Neutron's template): egress to anywhere for IPv4 and IPv6; a tenant's default group
/// also allows ingress from itself. Template rules have no description, no duplicate check and no rule events.
/// </summary>
public static class GroupTemplate
{
    /// <summary>
    /// The 4 rules of a tenant's default group in Neutron's order (per ethertype: ingress from itself, then egress),
    /// which is the order the group embeds them; each rule is a microsecond after the previous one so that order
    /// survives a reload.
    /// </summary>
    public static SecurityGroupRule[] DefaultGroupRules(SecurityGroup group, DateTime now) =>
    [
        Rule(group, Directions.Ingress, Ethertypes.IPv4, group.Id, InsertionTime(now, 0)),
        Rule(group, Directions.Egress, Ethertypes.IPv4, null, InsertionTime(now, 1)),
        Rule(group, Directions.Ingress, Ethertypes.IPv6, group.Id, InsertionTime(now, 2)),
        Rule(group, Directions.Egress, Ethertypes.IPv6, null, InsertionTime(now, 3)),
    ];

    /// <summary>The 2 egress rules every other new group gets (unless it starts empty).</summary>
    public static SecurityGroupRule[] NewGroupRules(SecurityGroup group, DateTime now) =>
    [
        Rule(group, Directions.Egress, Ethertypes.IPv4, null, InsertionTime(now, 0)),
        Rule(group, Directions.Egress, Ethertypes.IPv6, null, InsertionTime(now, 1)),
    ];

    private static SecurityGroupRule Rule(SecurityGroup group, string direction, string ethertype, string? remoteGroupId, DateTime now)
    {
        var normalized = new NormalizedRule(group.Id, direction, ethertype, null, null, null, null, null, remoteGroupId, null, "");
        return new SecurityGroupRule
        {
            Id = SecurityGroupRule.NewId(),
            SecurityGroupId = group.Id,
            TenantId = group.TenantId,
            Direction = direction,
            Ethertype = ethertype,
            RemoteGroupId = remoteGroupId,
            Description = null,
            DuplicateKey = RuleKey.For(normalized).ToStorageString(),
            Exposure = RuleExposure.Of(normalized).Reason,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
