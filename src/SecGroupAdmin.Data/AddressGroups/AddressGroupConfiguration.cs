using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Data.AddressGroups;

public class AddressGroupConfiguration : IEntityTypeConfiguration<AddressGroup>
{
    public void Configure(EntityTypeBuilder<AddressGroup> builder)
    {
        builder.Property(g => g.Id).HasMaxLength(36);
        builder.Property(g => g.TenantId).HasMaxLength(64);
        builder.Property(g => g.Name).HasMaxLength(255);
        builder.Property(g => g.Description).HasMaxLength(1024);
        builder.Property(g => g.RevisionNumber).IsConcurrencyToken();
        // The API's list: one tenant's address groups, filtered by name (?name=) — also serves the tenant alone.
        builder.HasIndex(g => new { g.TenantId, g.Name });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(g => g.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(g => g.Addresses).WithOne().HasForeignKey(a => a.AddressGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
