using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Data.SecurityGroups;

/// <summary>A rule in Neutron's storage form (see <see cref="NormalizedRule"/>).</summary>
public class SecurityGroupRule
{
    /// <summary>
    /// Set from <see cref="NewId"/> where a rule is made. Not a property initializer: that would draw a random UUID
    /// for every rule read from the database too (thousands per page or list) only to overwrite it.
    /// </summary>
    public string Id { get; set; } = "";
    public string SecurityGroupId { get; set; } = "";
    /// <summary>The rule's own project; can differ from the group's when an admin adds it.</summary>
    public string TenantId { get; set; } = "";
    /// <summary>
    /// The parent group's project (groups never change project), stored on the rule so that a tenant's rules are one
    /// index range in id order: a page of the rule list costs the page, not the tenant's size. Filled by
    /// <see cref="AppDbContext"/> when a rule is added.
    /// </summary>
    public string GroupTenantId { get; set; } = "";
    public string Direction { get; set; } = Directions.Ingress;
    public string Ethertype { get; set; } = Ethertypes.IPv4;
    public string? Protocol { get; set; }
    public int? PortRangeMin { get; set; }
    public int? PortRangeMax { get; set; }
    public string? RemoteIpPrefix { get; set; }
    public string? NormalizedCidr { get; set; }
    public string? RemoteGroupId { get; set; }
    public string? RemoteAddressGroupId { get; set; }
    /// <summary>Null for rules made from the default template, "" for rules made through the API.</summary>
    public string? Description { get; set; }
    /// <summary>The nine-field duplicate key without the group id; unique per group.</summary>
    public string DuplicateKey { get; set; } = "";
    /// <summary>
    /// <see cref="RuleExposure"/>'s verdict on this row, stored when the rule is written so that the exposed rules can
    /// be found by an index; null only for rows written before it existed, until the start-up backfill fills them.
    /// The verdict reads the row's own columns only (a remote group, whatever it holds, is never "anywhere").
    /// </summary>
    public ExposureReason? Exposure { get; set; }
    public long RevisionNumber { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public SecurityGroup? SecurityGroup { get; set; }

    /// <summary>
    /// The tags (rows of <c>SecurityGroup{,Rule}Tags</c>) in ordinal order, filled by the reads that answer them;
    /// not a column.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public IReadOnlyList<string> Tags { get; set; } = [];

    /// <summary>
    /// Whether the rule has tags: kept by <c>TagService</c> with the tag rows, in the same transaction, so the reads
    /// of untagged rules (nearly all) skip the tag query.
    /// </summary>
    public bool HasTags { get; set; }
    public SecurityGroup? RemoteGroup { get; set; }

    /// <summary>A new rule's id: a random UUID, as Neutron's.</summary>
    public static string NewId() => Guid.NewGuid().ToString();

    public NormalizedRule ToNormalized() => new(
        SecurityGroupId, Direction, Ethertype, Protocol, PortRangeMin, PortRangeMax,
        RemoteIpPrefix, NormalizedCidr, RemoteGroupId, RemoteAddressGroupId, Description ?? "");
}
