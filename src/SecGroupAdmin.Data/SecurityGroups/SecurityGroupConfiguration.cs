using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Data.SecurityGroups;

public class SecurityGroupConfiguration : IEntityTypeConfiguration<SecurityGroup>
{
    public void Configure(EntityTypeBuilder<SecurityGroup> builder)
    {
        builder.Property(g => g.Id).HasMaxLength(36);
        builder.Property(g => g.TenantId).HasMaxLength(64);
        builder.Property(g => g.Name).HasMaxLength(255);
        builder.Property(g => g.Description).HasMaxLength(255);
        builder.Property(g => g.UpdatedBy).HasMaxLength(256);
        builder.Property(g => g.RevisionNumber).IsConcurrencyToken();
        // The API's lists: one tenant's groups, filtered by name (?name=) — also serves the tenant alone.
        builder.HasIndex(g => new { g.TenantId, g.Name });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(g => g.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(g => g.Rules).WithOne(r => r.SecurityGroup).HasForeignKey(r => r.SecurityGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
