using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecGroupAdmin.Data.Rbac;

public class RbacPolicyConfiguration : IEntityTypeConfiguration<RbacPolicy>
{
    public void Configure(EntityTypeBuilder<RbacPolicy> builder)
    {
        builder.Property(p => p.Id).HasMaxLength(36);
        builder.Property(p => p.TenantId).HasMaxLength(64);
        builder.Property(p => p.ObjectType).HasMaxLength(32);
        builder.Property(p => p.ObjectId).HasMaxLength(36);
        builder.Property(p => p.Action).HasMaxLength(32);
        builder.Property(p => p.TargetTenant).HasMaxLength(255);
        // Neutron's DuplicateRbacPolicy: one policy per object, action and target. Also serves "the policies of an object".
        builder.HasIndex(p => new { p.ObjectType, p.ObjectId, p.Action, p.TargetTenant }).IsUnique();
        // What a project receives (its caller's "shares" flag, the shared groups it may see): by target, covering the
        // whole predicate (Sharing.SharesWith) so that a list seeks it rather than walking the object index.
        builder.HasIndex(p => new { p.TargetTenant, p.ObjectType, p.Action, p.ObjectId });
        // A project's own policies (the API's list for a non-admin).
        builder.HasIndex(p => p.TenantId);
    }
}
