namespace SecGroupAdmin.Web.DefaultRules;

/// <summary>One page of a tenant's groups with drift, and how many there are.</summary>
public sealed record DefaultRuleDriftGroupPage(IReadOnlyList<DefaultRuleDriftGroup> Groups, int TotalGroups);
