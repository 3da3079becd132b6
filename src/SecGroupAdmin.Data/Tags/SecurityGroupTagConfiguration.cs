using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Data.Tags;

public class SecurityGroupTagConfiguration : IEntityTypeConfiguration<SecurityGroupTag>
{
    public void Configure(EntityTypeBuilder<SecurityGroupTag> builder)
    {
        // A tag once per group; a group's tags are one range of the key.
        builder.HasKey(t => new { t.SecurityGroupId, t.Tag });
        builder.Property(t => t.SecurityGroupId).HasMaxLength(36);
        builder.Property(t => t.Tag).HasMaxLength(255);
        // The list filters (tags, tags-any, not-tags, not-tags-any) look a tag up by its value.
        builder.HasIndex(t => new { t.Tag, t.SecurityGroupId });
        builder.HasOne<SecurityGroup>().WithMany().HasForeignKey(t => t.SecurityGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
