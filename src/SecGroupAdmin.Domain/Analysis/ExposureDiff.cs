using System.Globalization;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// What a draft change newly allows and newly blocks, per port, computed before saving: the effective traffic of each
/// affected port before and after (remote groups expanded as of now, so attaching a port to a group also changes
/// what rules naming that group as remote allow elsewhere), subtracted both ways. Ports with the same groups are
/// computed once. Ports with port security off allow everything before and after, so nothing changes for them.
/// </summary>
public static class ExposureDiff
{
    private const int NamesInText = 10;

    /// <summary>The changes <paramref name="change"/> makes to what <paramref name="before"/>'s ports allow, opens first.</summary>
    public static IReadOnlyList<ExposureChange> Compute(AnalysisModel before, DraftChange change)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(change);
        AnalysisModel after = before.Apply(change);

        var touchedGroups = new HashSet<string>(change.DeletedGroupIds, StringComparer.Ordinal);
        foreach (AnalysisRule rule in change.AddedRules.Concat(change.ChangedRules))
        {
            touchedGroups.Add(rule.SecurityGroupId);
        }
        foreach (string id in change.RemovedRuleIds.Concat(change.ChangedRules.Select(r => r.Id)))
        {
            if (before.FindRule(id) is { } old)
            {
                touchedGroups.Add(old.SecurityGroupId);
            }
        }
        var membershipChanged = new HashSet<string>(change.DeletedGroupIds, StringComparer.Ordinal);
        foreach (PortGroupLink link in change.AttachedGroups.Concat(change.DetachedGroups))
        {
            membershipChanged.Add(link.SecurityGroupId);
        }
        if (membershipChanged.Count > 0)
        {
            foreach (AnalysisModel model in new[] { before, after })
            {
                foreach (AnalysisRule rule in model.Rules)
                {
                    if (rule.Rule.RemoteGroupId is { } remote && membershipChanged.Contains(remote))
                    {
                        touchedGroups.Add(rule.SecurityGroupId);
                    }
                }
            }
        }

        var affected = new List<(AnalysisPort Before, AnalysisPort After)>();
        foreach (AnalysisPort port in before.Ports)
        {
            AnalysisPort? next = after.FindPort(port.Id);
            if (next is null || !port.PortSecurityEnabled || !next.PortSecurityEnabled)
            {
                continue;
            }
            if (!port.SecurityGroupIds.SequenceEqual(next.SecurityGroupIds)
                || port.SecurityGroupIds.Any(touchedGroups.Contains) || next.SecurityGroupIds.Any(touchedGroups.Contains))
            {
                affected.Add((port, next));
            }
        }
        return Compare(before, after, affected);
    }

    private static List<ExposureChange> Compare(AnalysisModel before, AnalysisModel after, List<(AnalysisPort Before, AnalysisPort After)> ports)
    {
        var perSignature = new Dictionary<string, List<(ExposureChangeKind Kind, int Bucket, string Traffic)>>(StringComparer.Ordinal);
        var byChange = new Dictionary<(ExposureChangeKind, int, string), List<AnalysisPort>>();
        var order = new List<(ExposureChangeKind, int, string)>();
        foreach (var (old, next) in ports)
        {
            string signature = Signature(old.SecurityGroupIds) + "\n=>\n" + Signature(next.SecurityGroupIds);
            if (!perSignature.TryGetValue(signature, out var changes))
            {
                List<(int, TrafficBox)> was = Entries(before, old.SecurityGroupIds);
                List<(int, TrafficBox)> now = Entries(after, next.SecurityGroupIds);
                changes = [.. Describe(ExposureChangeKind.Opens, Difference(now, was)),
                           .. Describe(ExposureChangeKind.Blocks, Difference(was, now))];
                perSignature[signature] = changes;
            }
            foreach (var key in changes)
            {
                if (!byChange.TryGetValue(key, out List<AnalysisPort>? list))
                {
                    byChange[key] = list = [];
                    order.Add(key);
                }
                list.Add(next);
            }
        }

        var result = new List<ExposureChange>();
        foreach (var key in order.OrderBy(k => k.Item1).ThenBy(k => k.Item2))
        {
            var (kind, bucket, traffic) = key;
            List<AnalysisPort> list = byChange[key];
            string direction = bucket >= 2 ? Directions.Egress : Directions.Ingress;
            string ethertype = bucket % 2 == 1 ? Ethertypes.IPv6 : Ethertypes.IPv4;
            string verb = kind == ExposureChangeKind.Opens ? "newly opens" : "newly blocks";
            string what = direction == Directions.Egress ? "outgoing " + traffic : traffic;
            string names = string.Join(", ", list.Take(NamesInText).Select(p => p.DisplayName))
                + (list.Count > NamesInText ? string.Create(CultureInfo.InvariantCulture, $" and {list.Count - NamesInText} more") : "");
            string count = string.Create(CultureInfo.InvariantCulture, $"{list.Count:N0} port{(list.Count == 1 ? "" : "s")}");
            result.Add(new ExposureChange(kind, direction, ethertype, traffic,
                [.. list.Select(p => p.Id)], [.. list.Select(p => p.DisplayName)], $"{verb} {what} on {count}: {names}"));
        }
        return result;
    }

    private static string Signature(IReadOnlyList<string> groups) =>
        string.Join('\n', groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static List<(int Bucket, TrafficBox Box)> Entries(AnalysisModel model, IReadOnlyList<string> groups)
    {
        var list = new List<(int, TrafficBox)>();
        foreach (int index in model.RuleIndicesOfGroups(groups))
        {
            int bucket = model.Compiled(index).Bucket;
            foreach (TrafficBox box in model.BoxesOf(index, RemoteExpansion.CurrentMembers))
            {
                list.Add((bucket, box));
            }
        }
        return list;
    }

    /// <summary>The traffic in <paramref name="minuend"/> and not in <paramref name="subtrahend"/>, as disjoint boxes.</summary>
    private static List<(int Bucket, TrafficBox Box)> Difference(List<(int Bucket, TrafficBox Box)> minuend, List<(int Bucket, TrafficBox Box)> subtrahend)
    {
        var same = subtrahend.ToHashSet();
        var result = new List<(int, TrafficBox)>();
        foreach (var (bucket, box) in minuend)
        {
            if (same.Contains((bucket, box)))
            {
                continue;
            }
            var cover = new List<(TrafficBox, int)>();
            foreach (var (b, other) in subtrahend)
            {
                if (b == bucket && other.Intersects(box))
                {
                    cover.Add((other, 0));
                }
            }
            foreach (var (b, piece) in result)
            {
                if (b == bucket && piece.Intersects(box))
                {
                    cover.Add((piece, 0));
                }
            }
            if (cover.Count == 0)
            {
                // Untouched: kept whole, so an all-protocols rule reads "all protocols", not one line per protocol class.
                result.Add((bucket, box));
                continue;
            }
            foreach (TrafficBox piece in BoxCoverage.Uncovered([box], cover))
            {
                result.Add((bucket, piece));
            }
        }
        return result;
    }

    private static IEnumerable<(ExposureChangeKind, int, string)> Describe(ExposureChangeKind kind, List<(int Bucket, TrafficBox Box)> pieces)
    {
        foreach (var group in pieces.GroupBy(p => (p.Bucket, p.Box with { X0 = UInt128.Zero, X1 = UInt128.Zero })))
        {
            var (bucket, shape) = group.Key;
            string traffic = TrafficText.ProtocolPart(shape) + " " + TrafficText.Preposition(bucket) + " "
                + TrafficText.Addresses([.. group.Select(p => (p.Box.X0, p.Box.X1))], bucket % 2 == 1);
            yield return (kind, bucket, traffic);
        }
    }
}
