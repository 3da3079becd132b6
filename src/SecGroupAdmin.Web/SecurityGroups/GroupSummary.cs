namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>One row of the groups list: the group with its counts and who changed it last.</summary>
public sealed record GroupSummary(
    string Id,
    string TenantId,
    string Name,
    string Description,
    bool Stateful,
    bool IsDefault,
    int RuleCount,
    int PortCount,
    int ReferencingRuleCount,
    long RevisionNumber,
    DateTime UpdatedAt,
    string? UpdatedBy);
