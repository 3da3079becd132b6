namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// What a port allows. With port security off, <paramref name="AllowsEverything"/> is true, <paramref name="Rules"/>
/// is empty and <paramref name="Notes"/> say why; otherwise the lines, ingress first, then by ethertype, protocol,
/// ports and remote. <paramref name="Notes"/> also tell about rules that allow nothing now (an empty remote group).
/// </summary>
public sealed record EffectiveRuleSet(
    string PortId,
    bool AllowsEverything,
    IReadOnlyList<EffectiveRule> Rules,
    IReadOnlyList<string> Notes);
