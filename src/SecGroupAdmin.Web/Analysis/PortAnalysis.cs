using SecGroupAdmin.Domain.Analysis;

namespace SecGroupAdmin.Web.Analysis;

/// <summary>
/// A port and what it allows: the port as the analysis reads it (name, port security, fixed_ips, groups), its tenant
/// and network, the names of the groups the page and the API mention (the port's groups and the remote groups its
/// rules name, those the caller may read) and the effective rules (<see cref="EffectiveRules.Of"/>).
/// </summary>
public sealed record PortAnalysis(
    AnalysisPort Port,
    string TenantId,
    string NetworkId,
    IReadOnlyDictionary<string, string> GroupNames,
    EffectiveRuleSet Effective)
{
    /// <summary>A group's name, or the start of its id when it has none or the caller may not read it.</summary>
    public string GroupName(string groupId) =>
        GroupNames.TryGetValue(groupId, out var name) && name.Length > 0 ? name : groupId.Length > 8 ? groupId[..8] : groupId;
}
