using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecGroupAdmin.Data.AddressGroups;

public class AddressGroupAddressConfiguration : IEntityTypeConfiguration<AddressGroupAddress>
{
    public void Configure(EntityTypeBuilder<AddressGroupAddress> builder)
    {
        // As the reference's address_associations: an address once per group.
        builder.HasKey(a => new { a.AddressGroupId, a.Address });
        builder.Property(a => a.AddressGroupId).HasMaxLength(36);
        builder.Property(a => a.Address).HasMaxLength(64);
    }
}
