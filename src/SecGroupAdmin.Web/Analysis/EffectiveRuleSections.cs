using SecGroupAdmin.Domain.Analysis;

namespace SecGroupAdmin.Web.Analysis;

/// <summary>Groups effective lines (already in the Domain's order) by direction, ethertype and protocol, keeping that order.</summary>
public static class EffectiveRuleSections
{
    public static IReadOnlyList<EffectiveRuleSection> Of(IReadOnlyList<EffectiveRule> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sections = new List<EffectiveRuleSection>();
        var current = new List<EffectiveRule>();
        EffectiveRule? first = null;
        foreach (var line in lines)
        {
            if (first is not null && (first.Direction != line.Direction || first.Ethertype != line.Ethertype || first.Protocol != line.Protocol))
            {
                sections.Add(new EffectiveRuleSection(first.Direction, first.Ethertype, first.Protocol, current));
                current = [];
            }
            if (current.Count == 0)
            {
                first = line;
            }
            current.Add(line);
        }
        if (first is not null)
        {
            sections.Add(new EffectiveRuleSection(first.Direction, first.Ethertype, first.Protocol, current));
        }
        return sections;
    }
}
