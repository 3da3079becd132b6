using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// Several changes to one group's rules, saved together or not at all (the rules table editor, AWS's "Edit inbound
/// rules"): rules to add, rules to replace (each with the revision it was edited from) and rules to remove.
/// </summary>
public sealed record RuleChangeSet
{
    public IReadOnlyList<RuleInput> Added { get; init; } = [];
    public IReadOnlyList<RuleChange> Changed { get; init; } = [];
    public IReadOnlyList<RuleRemoval> Removed { get; init; } = [];

    public int Count => Added.Count + Changed.Count + Removed.Count;
}
