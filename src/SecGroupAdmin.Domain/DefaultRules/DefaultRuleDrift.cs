using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.DefaultRules;

/// <summary>
/// How an existing group compares with the template: which template rules meant for its kind of group
/// (default groups: <c>used_in_default_sg</c>; others: <c>used_in_non_default_sg</c>) it does not hold. Only missing
/// template rules are drift; rules a tenant added are theirs. "Holds" is <see cref="TemplateRuleKey"/>'s key equality.
/// </summary>
public static class DefaultRuleDrift
{
    /// <summary>Whether <paramref name="rule"/> is meant for a default group (<paramref name="defaultGroup"/>) or another group.</summary>
    public static bool AppliesTo(DefaultRule rule, bool defaultGroup) => defaultGroup ? rule.UsedInDefaultSg : rule.UsedInNonDefaultSg;

    /// <summary>
    /// The template rules (in the template's order) that the group <paramref name="groupId"/> lacks;
    /// <paramref name="groupRuleKeys"/>: the stored duplicate keys of its rules.
    /// </summary>
    public static List<DefaultRule> Missing(IEnumerable<DefaultRule> template, string groupId, bool defaultGroup, IEnumerable<string> groupRuleKeys)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(groupRuleKeys);
        var held = new HashSet<string>(groupRuleKeys, StringComparer.Ordinal);
        return [.. template.Where(t => AppliesTo(t, defaultGroup) && !held.Contains(TemplateRuleKey.Of(t).For(groupId)))];
    }

    /// <summary>The rule the template rule becomes in the group <paramref name="groupId"/>: <c>PARENT</c> is the group, no description (as a new group gets it).</summary>
    public static NormalizedRule RuleFor(DefaultRule rule, string groupId) => rule.Rule with
    {
        SecurityGroupId = groupId,
        RemoteGroupId = rule.Rule.RemoteGroupId == DefaultRule.Parent ? groupId : rule.Rule.RemoteGroupId,
        Description = "",
    };
}
