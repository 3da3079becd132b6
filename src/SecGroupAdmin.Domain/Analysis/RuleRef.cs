namespace SecGroupAdmin.Domain.Analysis;

/// <summary>A rule named by its id and its security group (what the what-if answer lists).</summary>
public readonly record struct RuleRef(string RuleId, string SecurityGroupId);
