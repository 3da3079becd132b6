using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>
/// What the group page shows of the group's rules, with no Blazor in it: the tab, the filter, the order of the tab's
/// rule ids (<see cref="RuleView"/>), the selection (by id), the counts, the highlighted rule, and what a reload or a
/// live change does to them. It keeps ids and counts, never the rules: the grid reads the rows it draws.
/// </summary>
public sealed class GroupPageState
{
    public const int IngressTab = 0;
    public const int EgressTab = 1;

    private HashSet<CompactRuleId> selected = [];
    /// <summary>Bumped whenever the rules are read again, so every view made before is stale.</summary>
    private int dataVersion;
    private bool ownChange;
    /// <summary>Live changes that came while the user's own change was under way (null: the browser reconnected).</summary>
    private readonly List<ChangeEvent?> held = [];
    /// <summary>The first screen's rows (from the prerendered page), until the group's rules are read in the circuit.</summary>
    private List<RuleRow>? firstRows;
    private string? firstRowsKey;

    public int Tab { get; private set; }
    public string Direction => Tab == IngressTab ? Directions.Ingress : Directions.Egress;
    public string Filter { get; private set; } = "";
    public int IngressCount { get; private set; }
    public int EgressCount { get; private set; }
    public int RuleCount => IngressCount + EgressCount;
    /// <summary>How many rules the current tab has, before the filter.</summary>
    public int TabCount => Tab == IngressTab ? IngressCount : EgressCount;
    public int ExposedCount { get; private set; }
    /// <summary>With a filter: how many of each tab's rules it matches (the tabs say "3 of 12"); null without one, or until counted.</summary>
    public int? IngressMatches { get; private set; }
    public int? EgressMatches { get; private set; }
    /// <summary>The rule marked as just changed (added by someone, or by the user).</summary>
    public string? HighlightId { get; private set; }
    /// <summary>The group's revision as last read: changes up to it are on the page.</summary>
    public long? LoadedRevision { get; private set; }
    /// <summary>The current tab's rule ids as the grid shows them; null until made for the current tab and filter.</summary>
    public RuleView? View { get; private set; }

    public int SelectedCount => selected.Count;
    public IReadOnlyList<CompactRuleId> SelectedIds => [.. selected];
    public bool IsSelected(CompactRuleId id) => selected.Contains(id);

    /// <summary>Another group is shown: the first tab, no filter, nothing selected or marked.</summary>
    public void Reset()
    {
        Tab = IngressTab;
        Filter = "";
        selected = [];
        View = null;
        HighlightId = null;
        LoadedRevision = null;
        IngressCount = EgressCount = ExposedCount = 0;
        IngressMatches = EgressMatches = null;
        firstRows = null;
        ownChange = false;
        held.Clear();
    }

    /// <summary>Switches the tab and clears the selection; false when it is the tab already shown.</summary>
    public bool SetTab(int tab)
    {
        if (tab == Tab)
        {
            return false;
        }
        Tab = tab;
        selected.Clear();
        View = null; // until the grid has the new tab's rows: select-all must not act on the old tab's
        return true;
    }

    public void SetFilter(string? filter)
    {
        Filter = filter ?? "";
        View = null;
        IngressMatches = EgressMatches = null;
    }

    /// <summary>
    /// The group's rules were read again (at <paramref name="revision"/>): keeps the counts and the tab's order of ids,
    /// drops selected rules that are gone. When <paramref name="highlight"/> is one of the rules it is marked; with
    /// <paramref name="reveal"/> (the user's own change) its tab is shown with no filter. Otherwise the user's tab,
    /// filter and selection stay as they are.
    /// </summary>
    public void Loaded(IReadOnlyCollection<RuleRow> rows, long revision, string? highlight, bool reveal, IReadOnlyList<RuleSort> sorts)
    {
        firstRows = null;
        LoadedRevision = revision;
        IngressCount = rows.Count(r => r.Direction == Directions.Ingress);
        EgressCount = rows.Count - IngressCount;
        ExposedCount = rows.Count(r => r.IsExposed);
        selected.IntersectWith(rows.Select(r => r.CompactId));
        var marked = highlight is null ? null : rows.FirstOrDefault(r => r.Id == highlight);
        if (marked is not null)
        {
            HighlightId = marked.Id;
            if (reveal)
            {
                var markedTab = marked.Direction == Directions.Ingress ? IngressTab : EgressTab;
                if (markedTab != Tab)
                {
                    Tab = markedTab;
                    selected.Clear();
                }
                Filter = "";
            }
        }
        dataVersion++;
        View = MakeView(rows, sorts);
    }

    /// <summary>
    /// The page starts from its first screen (read while prerendering, at <paramref name="revision"/>): the counts and
    /// the first rows of the ingress tab in the default order, with no filter. The grid draws those rows without
    /// reading them; the rules are read only when it needs more (a scroll past them, a sort, a filter, the other tab).
    /// </summary>
    public void LoadedFirstScreen(int ingressCount, int egressCount, int exposedCount, long revision, IReadOnlyList<RuleRow> rows)
    {
        Reset();
        LoadedRevision = revision;
        IngressCount = ingressCount;
        EgressCount = egressCount;
        ExposedCount = exposedCount;
        dataVersion++;
        firstRows = [.. rows];
        firstRowsKey = ViewKey([]);
        // A tab that fits in the first screen is whole: its view (select-all) needs no read.
        View = rows.Count >= IngressCount ? new RuleView(firstRowsKey, rows.Select(r => r.CompactId)) : null;
    }

    /// <summary>The first screen's rows while the page shows what they were read for (tab, filter, sort, data).</summary>
    public IReadOnlyList<RuleRow>? FirstScreenRows => firstRows is not null && firstRowsKey == ViewKey([]) ? firstRows : null;

    /// <summary>
    /// Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> from the first screen, when
    /// it holds all of them for what the page shows; otherwise null (the grid reads them).
    /// </summary>
    public IReadOnlyList<RuleRow>? FirstScreenWindow(IReadOnlyList<RuleSort> sorts, int start, int count)
    {
        if (firstRows is null || firstRowsKey != ViewKey(sorts) || (start + count > firstRows.Count && firstRows.Count < TabCount))
        {
            return null;
        }
        return [.. firstRows.Skip(start).Take(count)];
    }

    /// <summary>What a view is made for: the data read, the tab, the filter and the sort.</summary>
    public string ViewKey(IReadOnlyList<RuleSort> sorts) =>
        $"{dataVersion}|{Tab}|{Filter}|{string.Join(",", sorts.Select(s => s.By + (s.Descending ? "-" : "+")))}";

    /// <summary>Whether <see cref="View"/> is the one for what the page shows now.</summary>
    public bool HasViewFor(IReadOnlyList<RuleSort> sorts) => View is not null && View.Key == ViewKey(sorts);

    /// <summary>Puts the rules (all of the group's, as just read) in the grid's order and keeps that as the current view.</summary>
    public RuleView Order(IEnumerable<RuleRow> rows, IReadOnlyList<RuleSort> sorts)
    {
        firstRows = null;
        return View = MakeView(rows, sorts);
    }

    /// <summary>The current tab's rules, filtered and sorted (by default <see cref="RuleDefaultOrder"/>), as ids.</summary>
    private RuleView MakeView(IEnumerable<RuleRow> rows, IReadOnlyList<RuleSort> sorts)
    {
        // The default order first; the user's sorts (stable) then keep it among equal values.
        if (Filter.Length > 0)
        {
            // Both tabs' matches, so that the other tab says how many it would show too.
            var matching = rows.Where(r => r.Matches(Filter)).ToList();
            IngressMatches = matching.Count(r => r.Direction == Directions.Ingress);
            EgressMatches = matching.Count - IngressMatches;
            rows = matching;
        }
        else
        {
            IngressMatches = EgressMatches = null;
        }
        IEnumerable<RuleRow> shown = RuleDefaultOrder.Of(rows.Where(r => r.Direction == Direction && r.Matches(Filter)));
        IOrderedEnumerable<RuleRow>? ordered = null;
        foreach (var sort in sorts)
        {
            var comparer = sort.Comparer ?? Comparer<object?>.Default;
            ordered = ordered is null
                ? sort.Descending ? shown.OrderByDescending(sort.Key, comparer) : shown.OrderBy(sort.Key, comparer)
                : sort.Descending ? ordered.ThenByDescending(sort.Key, comparer) : ordered.ThenBy(sort.Key, comparer);
        }
        var view = new RuleView(ViewKey(sorts), (ordered ?? shown).Select(r => r.CompactId));
        // Rules the filter (or the tab) hides are not selected: a bulk delete takes only rules the user can see.
        selected.IntersectWith(view.Ids);
        return view;
    }

    /// <summary>Header checkbox: true when every rule shown (with the filter) is selected, false when none is, else null.</summary>
    public bool? AllSelected
    {
        get
        {
            if (View is null || View.Count == 0 || selected.Count == 0)
            {
                return false;
            }
            var count = 0;
            foreach (var id in View.Ids)
            {
                if (selected.Contains(id))
                {
                    count++;
                }
            }
            return count == 0 ? false : count == View.Count ? true : null;
        }
    }

    /// <summary>The header checkbox's click: false clears the rules shown, true or indeterminate selects them all, drawn or not.</summary>
    public void SelectAll(bool? on)
    {
        if (View is null)
        {
            return;
        }
        if (on == false)
        {
            selected.ExceptWith(View.Ids);
        }
        else
        {
            selected.UnionWith(View.Ids);
        }
    }

    public void Select(CompactRuleId id, bool on)
    {
        if (on)
        {
            selected.Add(id);
        }
        else
        {
            selected.Remove(id);
        }
    }

    /// <summary>
    /// The user starts a change of their own (a dialog, a delete): live changes are held until <see cref="EndOwnChange"/>,
    /// because the page reads the group once when the change is done, and its own events would read it again.
    /// </summary>
    public void BeginOwnChange()
    {
        ownChange = true;
        held.Clear();
    }

    /// <summary>The user's change is done and the page has read the group: the reload still needed for the changes held meanwhile, if any.</summary>
    public LiveReload? EndOwnChange(string groupId)
    {
        ownChange = false;
        var pending = held.Where(c => !IsShown(c, groupId)).ToList();
        held.Clear();
        return pending.Count == 0 ? null : new LiveReload(pending.LastOrDefault(IsRuleAdded)?.ResourceId);
    }

    /// <summary>
    /// A live change of the group (null: the browser reconnected). Returns the reload to do now, or null: the change
    /// is already on the page (the group was read at its revision or later), or it is held while the user's own change
    /// is under way. Someone's new rule already on the page is marked.
    /// </summary>
    public LiveReload? OnLiveChange(ChangeEvent? change, string groupId)
    {
        if (IsShown(change, groupId))
        {
            if (IsRuleAdded(change))
            {
                HighlightId = change!.ResourceId;
            }
            return null;
        }
        if (ownChange)
        {
            held.Add(change);
            return null;
        }
        return new LiveReload(IsRuleAdded(change) ? change!.ResourceId : null);
    }

    private bool IsShown(ChangeEvent? change, string groupId) =>
        change is { Revision: { } revision } && change.GroupId == groupId && LoadedRevision is { } loaded && revision <= loaded;

    private static bool IsRuleAdded(ChangeEvent? change) =>
        change is { ResourceType: ResourceTypes.SecurityGroupRule, Action: ResourceActions.Create };
}
