namespace SecGroupAdmin.Web.Audit;

/// <summary>
/// One audit entry as the audit pages and exports show it, with the tenant's name, and for a group or rule entry its
/// group and that group's current name (null once the group is gone).
/// </summary>
public sealed record AuditRow(
    long Id,
    DateTime At,
    string ActorUserId,
    string ActorName,
    string TenantId,
    string? TenantName,
    string Action,
    string ResourceType,
    string ResourceId,
    string? BeforeJson,
    string? AfterJson,
    string Source,
    string? RequestId,
    string? SecurityGroupId = null,
    string? SecurityGroupName = null,
    string? ChangeSetId = null);

/// <summary>
/// One page of entries, newest first, with the number of entries the filter matches, counted up to
/// <see cref="AuditQuery.CountCap"/>: when <paramref name="TotalIsCapped"/> there are more than <paramref name="Total"/>.
/// When not <paramref name="Counted"/> (<see cref="AuditQuery.PageAsync"/> of a full page), <paramref name="Total"/> is
/// only the entries on and before this page: the count is still to come.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Items, int Total, int Page, int PageSize, bool TotalIsCapped = false, bool Counted = true)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}
