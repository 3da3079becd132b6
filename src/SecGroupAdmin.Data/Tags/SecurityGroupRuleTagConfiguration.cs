using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Data.Tags;

public class SecurityGroupRuleTagConfiguration : IEntityTypeConfiguration<SecurityGroupRuleTag>
{
    public void Configure(EntityTypeBuilder<SecurityGroupRuleTag> builder)
    {
        // A tag once per rule; a rule's tags are one range of the key.
        builder.HasKey(t => new { t.SecurityGroupRuleId, t.Tag });
        builder.Property(t => t.SecurityGroupRuleId).HasMaxLength(36);
        builder.Property(t => t.Tag).HasMaxLength(255);
        // The list filters look a tag up by its value.
        builder.HasIndex(t => new { t.Tag, t.SecurityGroupRuleId });
        builder.HasOne<SecurityGroupRule>().WithMany().HasForeignKey(t => t.SecurityGroupRuleId).OnDelete(DeleteBehavior.Cascade);
    }
}
