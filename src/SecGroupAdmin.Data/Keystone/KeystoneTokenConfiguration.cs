using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecGroupAdmin.Data.ApiTokens;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Data.Keystone;

public class KeystoneTokenConfiguration : IEntityTypeConfiguration<KeystoneToken>
{
    public void Configure(EntityTypeBuilder<KeystoneToken> builder)
    {
        builder.Property(t => t.Id).HasMaxLength(32);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Method).HasMaxLength(32);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasIndex(t => t.ExpiresAt);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApiToken>().WithMany().HasForeignKey(t => t.ApplicationCredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}
