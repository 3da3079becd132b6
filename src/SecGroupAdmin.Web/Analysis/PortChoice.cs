namespace SecGroupAdmin.Web.Analysis;

/// <summary>A port to pick in the Test traffic panel: its id, its name (or id) and its addresses.</summary>
public sealed record PortChoice(string Id, string Name, IReadOnlyList<string> FixedIps)
{
    public string Label => FixedIps.Count == 0 ? Name : $"{Name} ({string.Join(", ", FixedIps)})";
}
