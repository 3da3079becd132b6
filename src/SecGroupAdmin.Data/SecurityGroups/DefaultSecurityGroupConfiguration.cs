using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Data.SecurityGroups;

public class DefaultSecurityGroupConfiguration : IEntityTypeConfiguration<DefaultSecurityGroup>
{
    public void Configure(EntityTypeBuilder<DefaultSecurityGroup> builder)
    {
        builder.HasKey(d => d.TenantId);
        builder.HasIndex(d => d.SecurityGroupId).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SecurityGroup>().WithMany().HasForeignKey(d => d.SecurityGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
