namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>What applying the template to a tenant did: the rules added and the groups they went into.</summary>
public sealed record DefaultRulesApplied(string TenantId, int Groups, int Rules);
