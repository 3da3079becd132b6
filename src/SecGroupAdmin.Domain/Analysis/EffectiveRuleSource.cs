namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// A rule that produces an effective line; <paramref name="Via"/> says how its remote was expanded
/// ("remote group &lt;id&gt;", "address group &lt;id&gt;"), null when the rule names the addresses itself.
/// </summary>
public sealed record EffectiveRuleSource(string RuleId, string SecurityGroupId, string? Via);
