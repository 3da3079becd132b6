using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecGroupAdmin.Data.AddressGroups;

namespace SecGroupAdmin.Data.SecurityGroups;

public class SecurityGroupRuleConfiguration : IEntityTypeConfiguration<SecurityGroupRule>
{
    public void Configure(EntityTypeBuilder<SecurityGroupRule> builder)
    {
        builder.Property(r => r.Id).HasMaxLength(36);
        builder.Property(r => r.SecurityGroupId).HasMaxLength(36);
        builder.Property(r => r.TenantId).HasMaxLength(64);
        builder.Property(r => r.Direction).HasMaxLength(8);
        builder.Property(r => r.Ethertype).HasMaxLength(4);
        builder.Property(r => r.Protocol).HasMaxLength(40);
        builder.Property(r => r.RemoteIpPrefix).HasMaxLength(64);
        builder.Property(r => r.NormalizedCidr).HasMaxLength(64);
        builder.Property(r => r.RemoteGroupId).HasMaxLength(36);
        builder.Property(r => r.RemoteAddressGroupId).HasMaxLength(36);
        builder.Property(r => r.Description).HasMaxLength(255);
        builder.Property(r => r.DuplicateKey).HasMaxLength(400);
        // Closes the race Neutron leaves open: two identical concurrent creates cannot both land.
        builder.HasIndex(r => new { r.SecurityGroupId, r.DuplicateKey }).IsUnique();
        builder.HasIndex(r => r.TenantId);
        builder.Property(r => r.GroupTenantId).HasMaxLength(64);
        // A tenant's rules in id order (the rule list's default order, its pages and markers).
        builder.HasIndex(r => new { r.GroupTenantId, r.Id });
        // The rules of one group in creation order (a group's embedded rules, ?security_group_id=).
        builder.HasIndex(r => new { r.SecurityGroupId, r.CreatedAt });
        // What the API filters rules by besides the group (the remote group has its foreign-key index); also the
        // address group's in-use check.
        builder.HasIndex(r => r.RemoteAddressGroupId);
        builder.HasIndex(r => r.NormalizedCidr);
        // The operator overview's exposed rules (Exposure > 0) and the start-up backfill (Exposure IS NULL).
        builder.HasIndex(r => new { r.Exposure, r.SecurityGroupId });
        // A tenant's exposed rules counted for the overview's tenants table: a range of this index, not every rule of
        // the tenant (a 50,000-rule tenant's count reads its few exposed entries).
        builder.HasIndex(r => new { r.GroupTenantId, r.Exposure });
        // Deleting a group removes the rules of other groups that use it as their remote group.
        builder.HasOne(r => r.RemoteGroup).WithMany().HasForeignKey(r => r.RemoteGroupId).OnDelete(DeleteBehavior.Cascade);
        // An address group in use cannot be deleted: the service answers AddressGroupInUse (409) first; this is the
        // second guard (RESTRICT), so no rule is ever left naming an address group that is gone.
        builder.HasOne<AddressGroup>().WithMany().HasForeignKey(r => r.RemoteAddressGroupId).OnDelete(DeleteBehavior.Restrict);
    }
}
