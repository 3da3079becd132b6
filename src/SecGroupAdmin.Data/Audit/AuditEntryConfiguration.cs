using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecGroupAdmin.Data.Audit;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.ActorUserId).HasMaxLength(64);
        builder.Property(a => a.ActorName).HasMaxLength(256);
        builder.Property(a => a.TenantId).HasMaxLength(64);
        builder.Property(a => a.Action).HasMaxLength(32);
        builder.Property(a => a.ResourceType).HasMaxLength(32);
        builder.Property(a => a.ResourceId).HasMaxLength(64);
        builder.Property(a => a.Source).HasMaxLength(8);
        builder.Property(a => a.RequestId).HasMaxLength(64);
        builder.Property(a => a.SecurityGroupId).HasMaxLength(64);
        builder.Property(a => a.ChangeSetId).HasMaxLength(64);
        // The audit log reads newest first (At, then Id, descending) within what its filters pin down: each index
        // ends in (At, Id) so a page is a walk of one index, not a sort of every match.
        builder.HasIndex(a => new { a.At, a.Id });
        builder.HasIndex(a => new { a.TenantId, a.At, a.Id });
        builder.HasIndex(a => new { a.TenantId, a.ResourceType, a.At, a.Id });
        builder.HasIndex(a => new { a.ResourceType, a.At, a.Id });
        builder.HasIndex(a => new { a.ResourceId, a.At, a.Id });
        builder.HasIndex(a => new { a.ActorUserId, a.At, a.Id });
        builder.HasIndex(a => new { a.SecurityGroupId, a.At, a.Id });
    }
}
