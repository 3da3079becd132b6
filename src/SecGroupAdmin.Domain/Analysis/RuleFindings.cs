using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// Findings about rules: <see cref="FindingKind.Redundant"/> (the other rules of the group, or of all groups on a port,
/// already allow everything the rule allows, by one rule or by the union of several) and
/// <see cref="FindingKind.Exposed"/> (<see cref="RuleExposure"/>'s verdict, not re-decided here).
/// <para>Redundancy is exact and safe to act on: rules are checked from the last to the first, each against the rules
/// not reported yet, so when rules cover each other (two identical rules) only the later one is reported, and removing
/// ALL reported rules together changes nothing that is allowed. Every rule not reported is needed by the rules kept.
/// The proof (<see cref="Finding.CoveredBy"/>) is a single covering rule when there is one, otherwise the rules the
/// union needs, trimmed greedily (no rule in it can be dropped).</para>
/// </summary>
public static class RuleFindings
{
    private const int MaxProofToTrim = 48;

    /// <summary>
    /// The findings of a group's rules, by rule order (redundant before exposed for the same rule). Remote groups and
    /// address groups are read <see cref="RemoteExpansion.AnyMembers"/> by default, so the findings stay true when
    /// membership changes.
    /// </summary>
    public static IReadOnlyList<Finding> ForGroup(AnalysisModel model, string groupId, RemoteExpansion expansion = RemoteExpansion.AnyMembers)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Collect(model, model.RuleIndicesOfGroup(groupId), expansion, "the other rules of the group");
    }

    /// <summary>
    /// The findings over all rules of all groups on a port (a rule of one group may be covered by rules of others),
    /// with remote groups read <see cref="RemoteExpansion.CurrentMembers"/> by default. Empty for an unknown port and
    /// for a port with port security off (it allows everything, whatever its rules say).
    /// </summary>
    public static IReadOnlyList<Finding> ForPort(AnalysisModel model, string portId, RemoteExpansion expansion = RemoteExpansion.CurrentMembers)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.FindPort(portId) is not { PortSecurityEnabled: true } port)
        {
            return [];
        }
        return Collect(model, model.RuleIndicesOfGroups(port.SecurityGroupIds), expansion, "the rules of the port's groups");
    }

    private static List<Finding> Collect(AnalysisModel model, IReadOnlyList<int> ruleIndices, RemoteExpansion expansion, string scope)
    {
        var redundant = Redundant(model, ruleIndices, expansion, scope);
        var findings = new List<Finding>();
        foreach (int index in ruleIndices)
        {
            AnalysisRule rule = model.RuleAt(index);
            if (redundant.TryGetValue(index, out Finding? finding))
            {
                findings.Add(finding);
            }
            ExposureVerdict verdict = RuleExposure.Of(rule.Rule);
            if (verdict.IsExposed)
            {
                findings.Add(new Finding(FindingKind.Exposed, rule.Id, rule.SecurityGroupId, [],
                    $"Exposed: {RuleText.Describe(rule.Rule)} opens {verdict.What} to the whole internet."));
            }
        }
        return findings;
    }

    /// <summary>The redundant rules among <paramref name="ruleIndices"/> (model indices, in order), by model index.</summary>
    internal static Dictionary<int, Finding> Redundant(
        AnalysisModel model, IReadOnlyList<int> ruleIndices, RemoteExpansion expansion, string scope)
    {
        var index = new RuleSetIndex(model, ruleIndices, expansion);
        var position = new Dictionary<int, int>();
        for (int i = 0; i < ruleIndices.Count; i++)
        {
            position.TryAdd(ruleIndices[i], i);
        }
        var removed = new HashSet<int>();
        var result = new Dictionary<int, Finding>();
        var seenEntries = new HashSet<int>();
        for (int pos = ruleIndices.Count - 1; pos >= 0; pos--)
        {
            int ruleIndex = ruleIndices[pos];
            if (position[ruleIndex] != pos)
            {
                continue;
            }
            CompiledRule rule = model.Compiled(ruleIndex);
            TrafficBox[] boxes = model.BoxesOf(ruleIndex, expansion);
            string text = RuleText.Describe(rule.Source.Rule);
            if (boxes.Length == 0)
            {
                removed.Add(ruleIndex);
                string why = rule.Remote switch
                {
                    RemoteKind.Group => $"remote group {rule.RemoteId} has no port with an {rule.Source.Rule.Ethertype} address now",
                    RemoteKind.AddressGroup => $"address group {rule.RemoteId} has no {rule.Source.Rule.Ethertype} address",
                    _ => "it cannot be read",
                };
                result[ruleIndex] = new Finding(FindingKind.Redundant, rule.Source.Id, rule.Source.SecurityGroupId, [],
                    $"Redundant: {text} allows nothing: {why}.");
                continue;
            }

            var candidates = new List<(TrafficBox Box, int Owner)>();
            seenEntries.Clear();
            foreach (TrafficBox box in boxes)
            {
                foreach (int entry in index.Candidates(rule.Bucket, box))
                {
                    int owner = index.Owners[entry];
                    if (owner != ruleIndex && !removed.Contains(owner) && index.Boxes[entry].Intersects(box) && seenEntries.Add(entry))
                    {
                        candidates.Add((index.Boxes[entry], owner));
                    }
                }
            }
            if (candidates.Count == 0)
            {
                continue;
            }
            candidates.Sort((x, y) => position[x.Owner].CompareTo(position[y.Owner]));

            List<int>? proof = SingleCover(boxes, candidates);
            if (proof is null)
            {
                var used = new HashSet<int>();
                if (!BoxCoverage.Covers(boxes, candidates, used))
                {
                    continue;
                }
                proof = Trim(boxes, candidates, [.. used.OrderBy(u => position[u])]);
            }

            removed.Add(ruleIndex);
            var covering = proof.Select(model.Compiled).ToList();
            string by = covering.Count == 1
                ? $"rule {covering[0].Source.Id} ({RuleText.Describe(covering[0].Source.Rule)})"
                : $"the union of rules {string.Join(", ", covering.Select(c => c.Source.Id))}";
            result[ruleIndex] = new Finding(FindingKind.Redundant, rule.Source.Id, rule.Source.SecurityGroupId,
                [.. covering.Select(c => c.Source.Id)],
                $"Redundant: everything {text} allows is already allowed by {by}, among {scope}.");
        }
        return result;
    }

    /// <summary>The first rule (in order) that alone covers all the boxes, if any.</summary>
    private static List<int>? SingleCover(TrafficBox[] boxes, List<(TrafficBox Box, int Owner)> candidates)
    {
        if (boxes.Length == 1)
        {
            foreach (var (box, owner) in candidates)
            {
                if (box.Contains(boxes[0]))
                {
                    return [owner];
                }
            }
        }
        var tried = new HashSet<int>();
        foreach (var (_, owner) in candidates)
        {
            if (tried.Add(owner) && BoxCoverage.Covers(boxes, candidates.Where(c => c.Owner == owner)))
            {
                return [owner];
            }
        }
        return null;
    }

    /// <summary>Drops rules from the proof while the rest still covers the boxes (from the last one back).</summary>
    private static List<int> Trim(TrafficBox[] boxes, List<(TrafficBox Box, int Owner)> candidates, List<int> proof)
    {
        if (proof.Count > MaxProofToTrim)
        {
            return proof;
        }
        for (int i = proof.Count - 1; i >= 0 && proof.Count > 1; i--)
        {
            int dropped = proof[i];
            var rest = proof.Where(p => p != dropped).ToHashSet();
            if (BoxCoverage.Covers(boxes, candidates.Where(c => rest.Contains(c.Owner))))
            {
                proof.RemoveAt(i);
            }
        }
        return proof;
    }
}
