namespace SecGroupAdmin.Web.AddressGroups;

/// <summary>
/// One address group as the address-groups page lists it: its addresses, how many rules use it as their remote
/// (counted by the rules' <c>RemoteAddressGroupId</c> index, in every tenant: what keeps it from being deleted) and its
/// revision for a stale-save check.
/// </summary>
public sealed record AddressGroupSummary(
    string Id,
    string TenantId,
    string Name,
    string Description,
    IReadOnlyList<string> Addresses,
    int UseCount,
    long RevisionNumber,
    DateTime UpdatedAt)
{
    /// <summary>"office" or, without a name, the start of the id.</summary>
    public string Label => string.IsNullOrEmpty(Name) ? Id[..8] : Name;

    /// <summary>How a rule names it: "address group office, 3 addresses".</summary>
    public string RemoteText => AddressGroupLabels.RemoteText(Label, Addresses.Count);

    /// <summary>The owner tenant's name when another tenant shares it with the listed one (read-only there); null for its own.</summary>
    public string? SharedBy { get; init; }
}
