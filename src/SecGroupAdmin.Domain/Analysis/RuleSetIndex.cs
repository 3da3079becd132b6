namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// The boxes of a set of rules, indexed by (direction, ethertype) and protocol: a query for one protocol only looks
/// at the rules of that protocol and the all-protocols rules.
/// </summary>
internal sealed class RuleSetIndex
{
    private readonly List<int>[] allOfBucket = [[], [], [], []];
    private readonly List<int>[] allProtocolsOfBucket = [[], [], [], []];
    private readonly Dictionary<int, List<int>>[] byProtocol = [[], [], [], []];

    public RuleSetIndex(AnalysisModel model, IReadOnlyList<int> ruleIndices, RemoteExpansion expansion)
    {
        Model = model;
        RuleIndices = ruleIndices;
        Expansion = expansion;
        foreach (int ruleIndex in ruleIndices)
        {
            if (!Position.TryAdd(ruleIndex, Position.Count))
            {
                continue;
            }
            CompiledRule rule = model.Compiled(ruleIndex);
            foreach (TrafficBox box in model.BoxesOf(ruleIndex, expansion))
            {
                int entry = Boxes.Count;
                Boxes.Add(box);
                Owners.Add(ruleIndex);
                allOfBucket[rule.Bucket].Add(entry);
                if (rule.Protocol == CompiledRule.AllProtocols)
                {
                    allProtocolsOfBucket[rule.Bucket].Add(entry);
                }
                else
                {
                    if (!byProtocol[rule.Bucket].TryGetValue(rule.Protocol, out List<int>? list))
                    {
                        byProtocol[rule.Bucket][rule.Protocol] = list = [];
                    }
                    list.Add(entry);
                }
            }
        }
    }

    public AnalysisModel Model { get; }
    public IReadOnlyList<int> RuleIndices { get; }
    public RemoteExpansion Expansion { get; }

    /// <summary>The position of each rule (model index) in <see cref="RuleIndices"/>.</summary>
    public Dictionary<int, int> Position { get; } = [];

    /// <summary>Every box, in rule order.</summary>
    public List<TrafficBox> Boxes { get; } = [];

    /// <summary>The rule (model index) of each box.</summary>
    public List<int> Owners { get; } = [];

    /// <summary>The entries that may meet a box of protocols p0..p1 in a bucket (a superset; check Intersects).</summary>
    public IEnumerable<int> Candidates(int bucket, int p0, int p1)
    {
        if (p0 != p1)
        {
            return allOfBucket[bucket];
        }
        return byProtocol[bucket].TryGetValue(p0, out List<int>? list)
            ? list.Concat(allProtocolsOfBucket[bucket])
            : allProtocolsOfBucket[bucket];
    }

    /// <summary>The entries of a bucket that may meet a box (protocol range from the box).</summary>
    public IEnumerable<int> Candidates(int bucket, in TrafficBox box) => Candidates(bucket, box.P0, box.P1);
}
