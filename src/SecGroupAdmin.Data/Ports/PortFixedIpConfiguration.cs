using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecGroupAdmin.Data.Ports;

public class PortFixedIpConfiguration : IEntityTypeConfiguration<PortFixedIp>
{
    public void Configure(EntityTypeBuilder<PortFixedIp> builder)
    {
        builder.HasKey(a => new { a.PortId, a.IpAddress });
        builder.Property(a => a.PortId).HasMaxLength(36);
        builder.Property(a => a.TenantId).HasMaxLength(64);
        builder.Property(a => a.IpAddress).HasMaxLength(45);
        // An address once per tenant: two ports racing for one address, the database decides (IpAddressInUse).
        builder.HasIndex(a => new { a.TenantId, a.IpAddress }).IsUnique();
        builder.HasIndex(a => a.PortId);
        builder.HasOne<Port>().WithMany(p => p.FixedIps).HasForeignKey(a => a.PortId).OnDelete(DeleteBehavior.Cascade);
    }
}
