using SecGroupAdmin.Domain.AddressGroups;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.AddressGroups;

/// <summary>What a create of an address group asks for, as sent (validated by <see cref="AddressGroupService"/>).</summary>
public sealed class AddressGroupCreateRequest
{
    public InputValue Name { get; init; }
    public InputValue Description { get; init; }
    public AddressListInput Addresses { get; init; } = AddressListInput.Absent;
    /// <summary>The owner asked for (project_id/tenant_id); null for the caller's tenant.</summary>
    public string? ProjectId { get; init; }
}
