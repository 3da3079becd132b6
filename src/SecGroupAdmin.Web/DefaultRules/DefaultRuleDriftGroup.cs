using SecGroupAdmin.Data.DefaultRules;

namespace SecGroupAdmin.Web.DefaultRules;

/// <summary>A group with drift and the template rules it lacks (in the template's order).</summary>
public sealed record DefaultRuleDriftGroup(string GroupId, string Name, bool IsDefault, IReadOnlyList<DefaultSecurityGroupRule> Missing);
