namespace SecGroupAdmin.Web.Api;

/// <summary>Settings of the <c>/v2.0</c> API (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>The most resources one bulk create (<c>{"security_groups": [...]}</c>, <c>{"security_group_rules": [...]}</c>) may carry.</summary>
    public int MaxBulkItems { get; set; } = 1000;

    /// <summary>
    /// Neutron's <c>pagination_max_limit</c>: the largest page a list answers. A list without <c>limit</c> (or with
    /// <c>limit=0</c>) gets this many items and links; a larger limit is cut to it. Null or 0 or less: unlimited.
    /// </summary>
    public int? PaginationMaxLimit { get; set; }
}
