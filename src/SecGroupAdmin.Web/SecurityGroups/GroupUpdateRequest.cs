using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>Changes to a group: only name, description and stateful are writable (Absent = unchanged).</summary>
public sealed class GroupUpdateRequest
{
    public InputValue Name { get; init; }
    public InputValue Description { get; init; }
    public InputValue Stateful { get; init; }
}
