namespace SecGroupAdmin.Data.AddressGroups;

/// <summary>A Neutron address group: a named set of CIDRs that rules use as their remote (<c>remote_address_group_id</c>).</summary>
public class AddressGroup
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string TenantId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>As the reference counts it: 0 on create, +1 per address added or removed, +1 per update.</summary>
    public long RevisionNumber { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The addresses in the order they were added (<see cref="AddressGroupAddress.Position"/>).</summary>
    public List<AddressGroupAddress> Addresses { get; set; } = [];
}
