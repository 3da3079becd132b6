using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Data.SecurityGroups;

public class DefaultSecurityGroupConfiguration : IEntityTypeConfiguration<DefaultSecurityGroup>
{
    public void Configure(EntityTypeBuilder<DefaultSecurityGroup> b)
    {
        b.HasKey(d => d.TenantId);
        b.HasIndex(d => d.SecurityGroupId).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SecurityGroup>().WithMany().HasForeignKey(d => d.SecurityGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
