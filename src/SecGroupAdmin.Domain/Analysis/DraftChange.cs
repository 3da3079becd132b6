namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// A change not saved yet: rules added, changed (same id, new content) or removed; groups attached to or detached
/// from ports; groups deleted (a deleted group leaves every port, its rules go, and so do other groups' rules that name
/// it as remote group, as Neutron cascades them).
/// </summary>
public sealed record DraftChange
{
    public IReadOnlyList<AnalysisRule> AddedRules { get; init; } = [];
    public IReadOnlyList<AnalysisRule> ChangedRules { get; init; } = [];
    public IReadOnlyList<string> RemovedRuleIds { get; init; } = [];
    public IReadOnlyList<PortGroupLink> AttachedGroups { get; init; } = [];
    public IReadOnlyList<PortGroupLink> DetachedGroups { get; init; } = [];
    public IReadOnlyList<string> DeletedGroupIds { get; init; } = [];
}
