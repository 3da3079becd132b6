namespace SecGroupAdmin.Web.DefaultRules;

/// <summary>A tenant with drift: how many of its groups lack template rules, and how many rules they lack in all.</summary>
public sealed record DefaultRuleDriftTenant(string TenantId, string TenantName, int Groups, int MissingRules);
