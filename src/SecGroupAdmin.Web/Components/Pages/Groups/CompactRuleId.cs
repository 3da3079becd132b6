namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>
/// A rule id kept in 16 bytes when it is a UUID in its usual lower-case form (every id this app makes), else as given.
/// Pages that keep thousands of ids (the group page's order of rows, the selection) keep these instead of strings.
/// </summary>
public readonly record struct CompactRuleId
{
    private readonly Guid uuid;
    private readonly string? other;

    public CompactRuleId(string id)
    {
        if (Guid.TryParseExact(id, "D", out var parsed) && parsed.ToString() == id)
        {
            uuid = parsed;
        }
        else
        {
            other = id;
        }
    }

    public override string ToString() => other ?? uuid.ToString();
}
