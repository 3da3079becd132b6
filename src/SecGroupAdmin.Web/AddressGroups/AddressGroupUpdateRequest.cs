using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.AddressGroups;

/// <summary>An update of an address group: name and description only (addresses change through the actions).</summary>
public sealed class AddressGroupUpdateRequest
{
    public InputValue Name { get; init; }
    public InputValue Description { get; init; }
}
