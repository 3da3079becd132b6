namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>One page of the groups list and how many groups match the search.</summary>
public sealed record GroupSummaryPage(IReadOnlyList<GroupSummary> Items, int Total);
