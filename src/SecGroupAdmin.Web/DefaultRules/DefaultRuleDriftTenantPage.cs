namespace SecGroupAdmin.Web.DefaultRules;

/// <summary>One page of the drift report's tenants, with the number of tenants with drift and of groups compared.</summary>
public sealed record DefaultRuleDriftTenantPage(IReadOnlyList<DefaultRuleDriftTenant> Tenants, int TotalTenants, int GroupsCompared);
