namespace SecGroupAdmin.Web.Operator;

/// <summary>One page of the operator's tenants table and how many tenants match the search.</summary>
public sealed record TenantFootprintPage(IReadOnlyList<TenantFootprint> Items, int Total);
