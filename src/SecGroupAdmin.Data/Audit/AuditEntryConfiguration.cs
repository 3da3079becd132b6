using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecGroupAdmin.Data.Audit;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.ActorUserId).HasMaxLength(64);
        b.Property(a => a.ActorName).HasMaxLength(256);
        b.Property(a => a.TenantId).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(32);
        b.Property(a => a.ResourceType).HasMaxLength(32);
        b.Property(a => a.ResourceId).HasMaxLength(64);
        b.Property(a => a.Source).HasMaxLength(8);
        b.Property(a => a.RequestId).HasMaxLength(64);
        b.HasIndex(a => new { a.TenantId, a.At });
        b.HasIndex(a => a.At);
    }
}
