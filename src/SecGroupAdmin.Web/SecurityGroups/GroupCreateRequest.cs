using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>A group to create, as loose as the API's JSON (Absent = not given).</summary>
public sealed record GroupCreateRequest
{
    public InputValue Name { get; init; }
    public InputValue Description { get; init; }
    public InputValue Stateful { get; init; }
    /// <summary>The owner; only CloudAdmin may name a tenant other than the caller's.</summary>
    public string? ProjectId { get; init; }
    /// <summary>Leave out the two egress rules every new group gets (the UI's "start empty").</summary>
    public bool StartEmpty { get; init; }

    public static GroupCreateRequest FromForm(string name, string? description, bool stateful = true, bool startEmpty = false) => new()
    {
        Name = InputValue.FromString(name),
        Description = description is null ? InputValue.Absent : InputValue.FromString(description),
        Stateful = InputValue.FromBoolean(stateful),
        StartEmpty = startEmpty,
    };
}
