namespace SecGroupAdmin.Web.DefaultRules;

/// <summary>One template rule an existing group lacks (a row of the drift query, computed in SQL).</summary>
public sealed class DefaultRuleDriftRow
{
    public string TenantId { get; init; } = "";
    public string GroupId { get; init; } = "";
    public string TemplateRuleId { get; init; } = "";
}
