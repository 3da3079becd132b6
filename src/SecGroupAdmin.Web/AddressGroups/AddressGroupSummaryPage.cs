namespace SecGroupAdmin.Web.AddressGroups;

/// <summary>One page of the address-groups list and how many address groups match the search.</summary>
public sealed record AddressGroupSummaryPage(IReadOnlyList<AddressGroupSummary> Items, int Total);
