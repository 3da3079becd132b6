namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>One row of the groups list: the group with its counts, its tags (ordinal order) and who changed it last.</summary>
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
    string? UpdatedBy)
{
    /// <summary>The group's tags in ordinal order (filled by the page read; empty for the full list).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The owner tenant's name when another tenant shares the group with the listed one (read-only there); null for its own.</summary>
    public string? SharedBy { get; init; }

    /// <summary>How many of its rules are exposed (the stored <c>RuleExposure</c> verdict); filled by the page read, 0 in the full list.</summary>
    public int ExposedCount { get; init; }
}
