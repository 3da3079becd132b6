namespace SecGroupAdmin.Data.Audit;

/// <summary>One change: who, when, what, from where, with the resource before and after.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string ActorUserId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public string TenantId { get; set; } = "";
    /// <summary>create, update, delete, replace.</summary>
    public string Action { get; set; } = "";
    /// <summary>security_group, security_group_rule, port, quota, membership, api_token, tenant.</summary>
    public string ResourceType { get; set; } = "";
    public string ResourceId { get; set; } = "";
    /// <summary>
    /// The security group a group or rule entry is about (the group's own id, or the rule's group), for the audit log's
    /// group filter and link; null for other resources.
    /// </summary>
    public string? SecurityGroupId { get; set; }
    /// <summary>
    /// The change set the entry belongs to when one save wrote several rules together (the rules table editor): every
    /// entry of that save carries the same id; null for a change made on its own.
    /// </summary>
    public string? ChangeSetId { get; set; }
    public string? BeforeJson { get; set; }
    public string? AfterJson { get; set; }
    /// <summary>UI, API or CLI.</summary>
    public string Source { get; set; } = "";
    public string? RequestId { get; set; }
}
