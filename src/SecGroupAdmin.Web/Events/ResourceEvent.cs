using SecGroupAdmin.Data;

namespace SecGroupAdmin.Web.Events;

/// <summary>
/// One event about a resource (security_group, security_group_rule, port, quota): which, what happened, who did it.
/// <see cref="Db"/> is set only in the precommit phase (the transaction's context).
/// </summary>
public sealed record ResourceEvent(
    string ResourceType,
    string Action,
    EventPhase Phase,
    string ResourceId,
    string TenantId,
    string? SecurityGroupId,
    string ActorUserId,
    string ActorName,
    long? Revision,
    object? State = null,
    IReadOnlyDictionary<string, object?>? Metadata = null)
{
    public AppDbContext? Db { get; init; }
}
