namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// Everything the analysis reads, as one immutable snapshot: rules (with their groups), ports (addresses and groups,
/// from which a group's membership follows) and address groups. Rules are read lazily, once, and per-port indexes
/// are cached, so one model answers many questions quickly. Safe to share between threads.
/// <para>Ask it through <see cref="EffectiveRules"/>, <see cref="FlowCheck"/>, <see cref="RuleFindings"/> and
/// <see cref="ExposureDiff"/>.</para>
/// </summary>
public sealed class AnalysisModel
{
    private readonly AnalysisRule[] rules;
    private readonly AnalysisPort[] ports;
    private readonly AnalysisAddressGroup[] addressGroups;
    private readonly Dictionary<string, List<int>> rulesByGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> ruleIndexById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnalysisPort> portsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AnalysisPort>> portsByGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnalysisAddressGroup> addressGroupsById = new(StringComparer.Ordinal);
    private readonly CompiledRule?[] compiled;
    private readonly TrafficBox[]?[] currentBoxes;
    private readonly TrafficBox[]?[] anyMemberBoxes;
    private readonly Lock cacheLock = new();
    private readonly Dictionary<string, int> tokens = new(StringComparer.Ordinal);
    private readonly List<string> tokenNames = [""];
    private readonly Dictionary<(string, bool), UInt128[]> memberAddresses = [];
    private readonly Dictionary<(string, bool), (UInt128, UInt128)[]> addressGroupIntervals = [];
    private readonly Dictionary<string, RuleSetIndex> indexes = new(StringComparer.Ordinal);

    public AnalysisModel(
        IEnumerable<AnalysisRule> rules, IEnumerable<AnalysisPort> ports, IEnumerable<AnalysisAddressGroup>? addressGroups = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(ports);
        this.rules = [.. rules];
        this.ports = [.. ports];
        this.addressGroups = [.. addressGroups ?? []];
        for (int i = 0; i < this.rules.Length; i++)
        {
            AnalysisRule rule = this.rules[i];
            ruleIndexById[rule.Id] = i;
            if (!rulesByGroup.TryGetValue(rule.SecurityGroupId, out List<int>? list))
            {
                rulesByGroup[rule.SecurityGroupId] = list = [];
            }
            list.Add(i);
        }
        foreach (AnalysisPort port in this.ports)
        {
            portsById[port.Id] = port;
            foreach (string groupId in port.SecurityGroupIds.Distinct(StringComparer.Ordinal))
            {
                if (!portsByGroup.TryGetValue(groupId, out List<AnalysisPort>? members))
                {
                    portsByGroup[groupId] = members = [];
                }
                members.Add(port);
            }
        }
        foreach (AnalysisAddressGroup group in this.addressGroups)
        {
            addressGroupsById[group.Id] = group;
        }
        compiled = new CompiledRule?[this.rules.Length];
        currentBoxes = new TrafficBox[]?[this.rules.Length];
        anyMemberBoxes = new TrafficBox[]?[this.rules.Length];
    }

    public IReadOnlyList<AnalysisRule> Rules => rules;
    public IReadOnlyList<AnalysisPort> Ports => ports;
    public IReadOnlyList<AnalysisAddressGroup> AddressGroups => addressGroups;

    /// <summary>The port, or null for an unknown (or null) id.</summary>
    public AnalysisPort? FindPort(string? portId) => portId is null ? null : portsById.GetValueOrDefault(portId);

    public AnalysisRule? FindRule(string? ruleId) => ruleId is not null && ruleIndexById.TryGetValue(ruleId, out int i) ? rules[i] : null;

    /// <summary>The rules of a group, in the model's order.</summary>
    public IReadOnlyList<AnalysisRule> RulesOfGroup(string groupId) =>
        rulesByGroup.TryGetValue(groupId, out List<int>? list) ? [.. list.Select(i => rules[i])] : [];

    /// <summary>The ports that have the group (its members, whose addresses a remote_group_id stands for).</summary>
    public IReadOnlyList<AnalysisPort> PortsInGroup(string groupId) =>
        portsByGroup.TryGetValue(groupId, out List<AnalysisPort>? list) ? list : [];

    /// <summary>The model after a draft change (see <see cref="DraftChange"/> for what each part means).</summary>
    public AnalysisModel Apply(DraftChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var deleted = change.DeletedGroupIds.ToHashSet(StringComparer.Ordinal);
        var removed = change.RemovedRuleIds.ToHashSet(StringComparer.Ordinal);
        var replaced = new Dictionary<string, AnalysisRule>(StringComparer.Ordinal);
        foreach (AnalysisRule rule in change.ChangedRules)
        {
            replaced[rule.Id] = rule;
        }
        var newRules = new List<AnalysisRule>(rules.Length + change.AddedRules.Count);
        foreach (AnalysisRule rule in rules)
        {
            AnalysisRule current = replaced.GetValueOrDefault(rule.Id) ?? rule;
            if (removed.Contains(rule.Id) || deleted.Contains(current.SecurityGroupId)
                || (current.Rule.RemoteGroupId is { } remote && deleted.Contains(remote)))
            {
                continue;
            }
            newRules.Add(current);
        }
        newRules.AddRange(change.AddedRules);

        var newPorts = new List<AnalysisPort>(ports.Length);
        foreach (AnalysisPort port in ports)
        {
            var groups = port.SecurityGroupIds.Where(g => !deleted.Contains(g)).ToList();
            foreach (PortGroupLink link in change.DetachedGroups)
            {
                if (link.PortId == port.Id)
                {
                    groups.Remove(link.SecurityGroupId);
                }
            }
            foreach (PortGroupLink link in change.AttachedGroups)
            {
                if (link.PortId == port.Id && !groups.Contains(link.SecurityGroupId))
                {
                    groups.Add(link.SecurityGroupId);
                }
            }
            newPorts.Add(groups.SequenceEqual(port.SecurityGroupIds) ? port : port with { SecurityGroupIds = groups });
        }
        return new AnalysisModel(newRules, newPorts, addressGroups);
    }

    internal int RuleCount => rules.Length;

    internal AnalysisRule RuleAt(int index) => rules[index];

    internal IReadOnlyList<int> RuleIndicesOfGroup(string groupId) =>
        rulesByGroup.TryGetValue(groupId, out List<int>? list) ? list : [];

    internal bool TryGetRuleIndex(string ruleId, out int index) => ruleIndexById.TryGetValue(ruleId, out index);

    internal AnalysisAddressGroup? FindAddressGroup(string id) => addressGroupsById.GetValueOrDefault(id);

    /// <summary>The rules of the groups (each group once, in the order given), each group's rules in model order.</summary>
    internal List<int> RuleIndicesOfGroups(IEnumerable<string> groupIds)
    {
        var result = new List<int>();
        foreach (string groupId in groupIds.Distinct(StringComparer.Ordinal))
        {
            result.AddRange(RuleIndicesOfGroup(groupId));
        }
        return result;
    }

    internal CompiledRule Compiled(int index) => compiled[index] ??= CompiledRule.Compile(index, rules[index]);

    /// <summary>The packets a rule allows, as disjoint-or-not boxes; empty when it allows nothing (now).</summary>
    internal TrafficBox[] BoxesOf(int index, RemoteExpansion expansion)
    {
        TrafficBox[]?[] cache = expansion == RemoteExpansion.CurrentMembers ? currentBoxes : anyMemberBoxes;
        return cache[index] ??= BuildBoxes(Compiled(index), expansion);
    }

    /// <summary>The index of every rule of these groups, as they are now (cached by the list of groups).</summary>
    internal RuleSetIndex IndexForGroups(IReadOnlyList<string> groupIds)
    {
        // In the port's order of groups: the matching rules are listed in that order.
        string key = string.Join('\n', groupIds.Distinct(StringComparer.Ordinal));
        lock (cacheLock)
        {
            if (indexes.TryGetValue(key, out RuleSetIndex? cached))
            {
                return cached;
            }
        }
        var built = new RuleSetIndex(this, RuleIndicesOfGroups(groupIds), RemoteExpansion.CurrentMembers);
        lock (cacheLock)
        {
            return indexes.TryAdd(key, built) ? built : indexes[key];
        }
    }

    /// <summary>The addresses of the ports in a group, of one family, sorted and distinct.</summary>
    internal UInt128[] MemberAddresses(string groupId, bool ipv6)
    {
        lock (cacheLock)
        {
            if (memberAddresses.TryGetValue((groupId, ipv6), out UInt128[]? cached))
            {
                return cached;
            }
        }
        var set = new SortedSet<UInt128>();
        foreach (AnalysisPort port in PortsInGroup(groupId))
        {
            foreach (string ip in port.FixedIps)
            {
                if (AddressMath.TryParseAddress(ip, out bool isIpv6, out UInt128 value) && isIpv6 == ipv6)
                {
                    set.Add(value);
                }
            }
        }
        UInt128[] result = [.. set];
        lock (cacheLock)
        {
            memberAddresses[(groupId, ipv6)] = result;
        }
        return result;
    }

    /// <summary>The CIDRs of an address group, of one family, as intervals (empty for an unknown group).</summary>
    internal (UInt128 Low, UInt128 High)[] AddressGroupIntervals(string addressGroupId, bool ipv6)
    {
        lock (cacheLock)
        {
            if (addressGroupIntervals.TryGetValue((addressGroupId, ipv6), out var cached))
            {
                return cached;
            }
        }
        var list = new List<(UInt128, UInt128)>();
        foreach (string cidr in FindAddressGroup(addressGroupId)?.Addresses ?? [])
        {
            if (AddressMath.TryParsePrefix(cidr, out bool isIpv6, out UInt128 low, out UInt128 high) && isIpv6 == ipv6)
            {
                list.Add((low, high));
            }
        }
        (UInt128, UInt128)[] result = [.. list.Distinct()];
        lock (cacheLock)
        {
            addressGroupIntervals[(addressGroupId, ipv6)] = result;
        }
        return result;
    }

    /// <summary>The source-space number of a remote group ("sg:") or address group ("ag:") read symbolically.</summary>
    internal int Token(string key)
    {
        lock (cacheLock)
        {
            if (!tokens.TryGetValue(key, out int token))
            {
                token = tokenNames.Count;
                tokens[key] = token;
                tokenNames.Add(key);
            }
            return token;
        }
    }

    /// <summary>"members of remote group X" / "address group X" for a source-space number.</summary>
    internal string TokenText(int token)
    {
        string key;
        lock (cacheLock)
        {
            key = token > 0 && token < tokenNames.Count ? tokenNames[token] : "";
        }
        return key.StartsWith("sg:", StringComparison.Ordinal) ? "members of remote group " + key[3..]
            : key.StartsWith("ag:", StringComparison.Ordinal) ? "address group " + key[3..]
            : "source " + token.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private TrafficBox[] BuildBoxes(CompiledRule rule, RemoteExpansion expansion)
    {
        bool symbolic = expansion == RemoteExpansion.AnyMembers;
        UInt128 max = AddressMath.MaxOf(rule.Ipv6);
        switch (rule.Remote)
        {
            case RemoteKind.Anywhere:
                return [rule.BoxFor(0, symbolic ? int.MaxValue : 0, UInt128.Zero, max)];
            case RemoteKind.Prefix:
                return [rule.BoxFor(0, 0, rule.X0, rule.X1)];
            case RemoteKind.Group when symbolic:
                int groupToken = Token("sg:" + rule.RemoteId);
                return [rule.BoxFor(groupToken, groupToken, UInt128.Zero, max)];
            case RemoteKind.AddressGroup when symbolic:
                int addressToken = Token("ag:" + rule.RemoteId);
                return [rule.BoxFor(addressToken, addressToken, UInt128.Zero, max)];
            case RemoteKind.Group:
                return [.. MemberAddresses(rule.RemoteId!, rule.Ipv6).Select(a => rule.BoxFor(0, 0, a, a))];
            case RemoteKind.AddressGroup:
                return [.. AddressGroupIntervals(rule.RemoteId!, rule.Ipv6).Select(i => rule.BoxFor(0, 0, i.Low, i.High))];
            default:
                return [];
        }
    }
}
