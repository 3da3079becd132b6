using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Data.Ports;

public class PortConfiguration : IEntityTypeConfiguration<Port>
{
    public void Configure(EntityTypeBuilder<Port> builder)
    {
        builder.Property(p => p.Id).HasMaxLength(36);
        builder.Property(p => p.TenantId).HasMaxLength(64);
        builder.Property(p => p.Name).HasMaxLength(255);
        builder.Property(p => p.NetworkId).HasMaxLength(255);
        builder.Property(p => p.DeviceOwner).HasMaxLength(255);
        builder.Property(p => p.RevisionNumber).IsConcurrencyToken();
        // One tenant's ports, by device owner (?device_owner=) — also serves the tenant alone.
        builder.HasIndex(p => new { p.TenantId, p.DeviceOwner });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
        // A group bound to a port cannot be deleted: the service says 409 SecurityGroupInUse first,
        // and the database refuses as well.
        builder.HasMany(p => p.SecurityGroups).WithMany()
            .UsingEntity<Dictionary<string, object>>(
                "PortSecurityGroup",
                r => r.HasOne<SecurityGroup>().WithMany().HasForeignKey("SecurityGroupId").OnDelete(DeleteBehavior.Restrict),
                l => l.HasOne<Port>().WithMany().HasForeignKey("PortId").OnDelete(DeleteBehavior.Cascade),
                j => j.HasIndex("SecurityGroupId"));
    }
}
