namespace SecGroupAdmin.Web.Live;

/// <summary>
/// "Something changed": which tenant and group, what kind of change, who made it and the new revision. Never
/// entity data: subscribers re-load from the database with their own access rights.
/// <para>
/// <see cref="SharedWith"/>: on the delete of an object that was shared, the targets its policies named (tenant ids or
/// <c>*</c>). The policies go with the object, so a receiving tenant's feed can no longer ask the database whether it
/// was shared; it asks this. Server-side only: the hub does not send it (<see cref="HubRelay"/>).
/// </para>
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
    DateTime At,
    IReadOnlyList<string>? SharedWith = null)
{
    /// <summary>The <see cref="Events.ResourceEvent.Metadata"/> key a delete puts <see cref="SharedWith"/> under.</summary>
    public const string SharedWithKey = "shared_with";
}
