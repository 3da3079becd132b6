using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecGroupAdmin.Data.SecurityGroups;

public class SecurityGroupRuleConfiguration : IEntityTypeConfiguration<SecurityGroupRule>
{
    public void Configure(EntityTypeBuilder<SecurityGroupRule> b)
    {
        b.Property(r => r.Id).HasMaxLength(36);
        b.Property(r => r.SecurityGroupId).HasMaxLength(36);
        b.Property(r => r.TenantId).HasMaxLength(64);
        b.Property(r => r.Direction).HasMaxLength(8);
        b.Property(r => r.Ethertype).HasMaxLength(4);
        b.Property(r => r.Protocol).HasMaxLength(40);
        b.Property(r => r.RemoteIpPrefix).HasMaxLength(64);
        b.Property(r => r.NormalizedCidr).HasMaxLength(64);
        b.Property(r => r.RemoteGroupId).HasMaxLength(36);
        b.Property(r => r.RemoteAddressGroupId).HasMaxLength(36);
        b.Property(r => r.Description).HasMaxLength(255);
        b.Property(r => r.DuplicateKey).HasMaxLength(400);
        // Closes the race Neutron leaves open: two identical concurrent creates cannot both land.
        b.HasIndex(r => new { r.SecurityGroupId, r.DuplicateKey }).IsUnique();
        b.HasIndex(r => r.TenantId);
        // Deleting a group removes the rules of other groups that use it as their remote group.
        b.HasOne(r => r.RemoteGroup).WithMany().HasForeignKey(r => r.RemoteGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
