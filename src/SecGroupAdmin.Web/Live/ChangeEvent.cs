namespace SecGroupAdmin.Web.Live;

/// <summary>
/// "Something changed": which tenant and group, what kind of change, who made it and the new revision. Never
/// entity data: subscribers re-load from the database with their own access rights.
/// </summary>
public sealed record ChangeEvent(
    string TenantId,
    string? GroupId,
    string ResourceType,
    string Action,
    string ResourceId,
    string ActorUserId,
    string ActorName,
    long? Revision,
    DateTime At);
