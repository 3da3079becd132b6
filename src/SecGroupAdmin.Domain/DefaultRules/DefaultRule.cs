using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.DefaultRules;

/// <summary>
/// A validated template rule: the rule in its stored form (<see cref="NormalizedRule.SecurityGroupId"/> is empty, the
/// template belongs to no group) and the kinds of new group it goes into.
/// </summary>
public readonly record struct DefaultRule(NormalizedRule Rule, bool UsedInDefaultSg, bool UsedInNonDefaultSg)
{
    /// <summary>The <c>remote_group_id</c> that stands for the group being created.</summary>
    public const string Parent = "PARENT";

    /// <summary>Neutron's duplicate key of the rule (the rule key without a group).</summary>
    public string Key => RuleKey.For(Rule).ToStorageString();
}
