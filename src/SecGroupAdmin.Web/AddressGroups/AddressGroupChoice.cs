namespace SecGroupAdmin.Web.AddressGroups;

/// <summary>An address group as a rule's remote: to pick one in the rule dialog and to name it in the rules grid.</summary>
public sealed record AddressGroupChoice(string Id, string Name, int AddressCount)
{
    public string Label => string.IsNullOrEmpty(Name) ? Id[..8] : Name;

    /// <summary>"address group office, 3 addresses".</summary>
    public string RemoteText => AddressGroupLabels.RemoteText(Label, AddressCount);

    /// <summary>The owner tenant's name when another tenant shares it with the chooser's; null for its own.</summary>
    public string? SharedBy { get; init; }
}
