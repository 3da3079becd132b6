namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// A rule a copy or an import left out because the target group holds it already (Neutron's duplicate: same
/// <c>RuleKey</c>): <paramref name="Index"/> is its place in the request, <paramref name="ExistingRuleId"/> the rule that
/// has its key, <paramref name="Sentence"/> the rule in words; <paramref name="InRequest"/> when that rule is one the same
/// request adds (the input repeats a rule).
/// </summary>
public sealed record PresentRule(int Index, string ExistingRuleId, string Sentence, bool InRequest = false);
