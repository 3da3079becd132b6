using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Data.SecurityGroups;

public class SecurityGroupConfiguration : IEntityTypeConfiguration<SecurityGroup>
{
    public void Configure(EntityTypeBuilder<SecurityGroup> b)
    {
        b.Property(g => g.Id).HasMaxLength(36);
        b.Property(g => g.TenantId).HasMaxLength(64);
        b.Property(g => g.Name).HasMaxLength(255);
        b.Property(g => g.Description).HasMaxLength(255);
        b.Property(g => g.UpdatedBy).HasMaxLength(256);
        b.Property(g => g.RevisionNumber).IsConcurrencyToken();
        b.HasIndex(g => g.TenantId);
        b.HasOne<Tenant>().WithMany().HasForeignKey(g => g.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(g => g.Rules).WithOne(r => r.SecurityGroup).HasForeignKey(r => r.SecurityGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
