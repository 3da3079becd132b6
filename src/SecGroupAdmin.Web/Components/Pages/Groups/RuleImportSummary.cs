namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>What an import did, for the page to say: rules added, left out as already present, left out as invalid.</summary>
public sealed record RuleImportSummary(int Added, int Present, int Invalid)
{
    /// <summary>"1 added, 1 already present, 1 invalid left out."</summary>
    public string Text =>
        $"{Added} added" + (Present > 0 ? $", {Present} already present" : "") + (Invalid > 0 ? $", {Invalid} invalid left out" : "") + ".";
}
