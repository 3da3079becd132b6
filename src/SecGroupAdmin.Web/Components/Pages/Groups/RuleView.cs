namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>
/// The rules of one tab of the group page as the grid shows them (filtered by the search, in the chosen sort order),
/// kept as ids only: about 24 bytes per rule for as long as the page is open. The grid reads the rows it draws by id.
/// </summary>
public sealed class RuleView(string key, IEnumerable<CompactRuleId> ids)
{
    private readonly CompactRuleId[] ids = ids.ToArray();

    /// <summary>What the view was made for (data version, tab, search, sort): a different key means it is stale.</summary>
    public string Key { get; } = key;

    public int Count => ids.Length;

    public IReadOnlyList<CompactRuleId> Ids => ids;

    /// <summary>The ids of rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> (fewer at the end).</summary>
    public List<string> Window(int start, int count)
    {
        var from = Math.Clamp(start, 0, ids.Length);
        var to = Math.Clamp(from + Math.Max(count, 0), from, ids.Length);
        var window = new List<string>(to - from);
        for (var i = from; i < to; i++)
        {
            window.Add(ids[i].ToString());
        }
        return window;
    }
}
