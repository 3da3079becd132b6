namespace SecGroupAdmin.Data.SecurityGroups;

/// <summary>A security group, as Neutron stores it.</summary>
public class SecurityGroup
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string TenantId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool Stateful { get; set; } = true;
    /// <summary>Goes up on every change of the group or its rules; the concurrency token.</summary>
    public long RevisionNumber { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Who changed it last (user name), for the groups list.</summary>
    public string? UpdatedBy { get; set; }

    public List<SecurityGroupRule> Rules { get; set; } = [];

    /// <summary>
    /// The tags (rows of <c>SecurityGroup{,Rule}Tags</c>) in ordinal order, filled by the reads that answer them;
    /// not a column.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public IReadOnlyList<string> Tags { get; set; } = [];

    /// <summary>Neutron's <c>shared</c>, computed for the reader: an RBAC policy shares the group with their project (or all). Not stored.</summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public bool Shared { get; set; }

    /// <summary>
    /// Whether the group has tags: kept by <c>TagService</c> with the tag rows, in the same transaction, so the reads
    /// of untagged groups (nearly all) skip the tag query.
    /// </summary>
    public bool HasTags { get; set; }
}
