namespace SecGroupAdmin.Web.Api;

/// <summary>Settings of the <c>/v2.0</c> API (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>The most resources one bulk create (<c>{"security_groups": [...]}</c>, <c>{"security_group_rules": [...]}</c>) may carry.</summary>
    public int MaxBulkItems { get; set; } = 1000;
}
