using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecGroupAdmin.Data.Tenants;

public class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.Property(t => t.Id).HasMaxLength(64);
        b.Property(t => t.Name).HasMaxLength(255);
        b.HasIndex(t => t.Name).IsUnique();
    }
}
