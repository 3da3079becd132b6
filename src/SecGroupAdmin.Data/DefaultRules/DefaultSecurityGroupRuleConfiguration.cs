using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Data.DefaultRules;

public class DefaultSecurityGroupRuleConfiguration : IEntityTypeConfiguration<DefaultSecurityGroupRule>
{
    /// <summary>
    /// The four rules every group was made with before the template existed (Neutron's upgrade seeds the same):
    /// egress IPv4 and IPv6 for every new group, ingress IPv4 and IPv6 from the group itself for default groups.
    /// Fixed ids and times so that both providers' migrations insert the same rows; Neutron's upgrade descriptions; in
    /// the order the default group embedded its rules (per ethertype: ingress from itself, then egress).
    /// </summary>
    private const string IngressDescription = "Legacy default SG rule for ingress traffic";
    private const string EgressDescription = "Legacy default SG rule for egress traffic";

    public static readonly DefaultSecurityGroupRule[] Seed =
    [
        Seeded("9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b01", Directions.Ingress, Ethertypes.IPv4, "PARENT", IngressDescription, inDefault: true, inOthers: false, 0),
        Seeded("9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b02", Directions.Egress, Ethertypes.IPv4, null, EgressDescription, inDefault: true, inOthers: true, 1),
        Seeded("9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b03", Directions.Ingress, Ethertypes.IPv6, "PARENT", IngressDescription, inDefault: true, inOthers: false, 2),
        Seeded("9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b04", Directions.Egress, Ethertypes.IPv6, null, EgressDescription, inDefault: true, inOthers: true, 3),
    ];

    public void Configure(EntityTypeBuilder<DefaultSecurityGroupRule> builder)
    {
        builder.Property(r => r.Id).HasMaxLength(36);
        builder.Property(r => r.Direction).HasMaxLength(8);
        builder.Property(r => r.Ethertype).HasMaxLength(4);
        builder.Property(r => r.Protocol).HasMaxLength(40);
        builder.Property(r => r.RemoteIpPrefix).HasMaxLength(64);
        builder.Property(r => r.RemoteGroupId).HasMaxLength(36);
        builder.Property(r => r.RemoteAddressGroupId).HasMaxLength(36);
        builder.Property(r => r.Description).HasMaxLength(1024);
        builder.HasData(Seed);
    }

    private static DefaultSecurityGroupRule Seeded(string id, string direction, string ethertype, string? remoteGroupId, string description, bool inDefault, bool inOthers, int order) => new()
    {
        Id = id,
        Direction = direction,
        Ethertype = ethertype,
        RemoteGroupId = remoteGroupId,
        Description = description,
        UsedInDefaultSg = inDefault,
        UsedInNonDefaultSg = inOthers,
        CreatedAt = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc).AddTicks(order * TimeSpan.TicksPerMicrosecond),
    };
}
