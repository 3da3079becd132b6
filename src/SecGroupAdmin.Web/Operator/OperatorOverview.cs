namespace SecGroupAdmin.Web.Operator;

/// <summary>
/// The operator dashboard's cards, chart and exposed rules, every figure aggregated in SQL. The tenants table is read
/// a page at a time by <see cref="OperatorOverviewQuery.ListTenantsAsync"/>.
/// </summary>
/// <param name="TenantCount">How many tenants there are.</param>
/// <param name="TotalGroups">Groups in all tenants.</param>
/// <param name="TotalRules">Rules in all groups.</param>
/// <param name="TotalPorts">Ports in all tenants.</param>
/// <param name="TotalRisky">Rules whose stored exposure verdict says exposed.</param>
/// <param name="Days">The days of the chart, oldest first (UTC dates), ending today.</param>
/// <param name="ChangesPerDay">Audit entries per day across all tenants, aligned with <paramref name="Days"/>.</param>
/// <param name="BusiestTenants">The tenants with the most changes over the days (at most <see cref="OperatorOverviewQuery.ChartTenants"/>), busiest first, each with its changes per day.</param>
/// <param name="RiskyRules">The exposed rules themselves (at most <see cref="OperatorOverviewQuery.RiskyListSize"/>, riskiest tenants first), for the list under the table.</param>
/// <param name="AsOf">When the figures were read (they are shared for up to <see cref="OperatorOverviewQuery.FreshFor"/>).</param>
public sealed record OperatorOverview(
    int TenantCount,
    int TotalGroups,
    int TotalRules,
    int TotalPorts,
    int TotalRisky,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<int> ChangesPerDay,
    IReadOnlyList<TenantChanges> BusiestTenants,
    IReadOnlyList<RiskyRule> RiskyRules,
    DateTimeOffset AsOf)
{
    public int TotalChanges => ChangesPerDay.Sum();

    /// <summary>
    /// Exposure per port: the ports with port security off (they allow everything; at most
    /// <see cref="OperatorOverviewQuery.ExposedPortsListSize"/>), then the ports of the listed rules' groups with the most
    /// exposed rules (as many again).
    /// </summary>
    public IReadOnlyList<ExposedPort> ExposedPorts { get; init; } = [];

    /// <summary>Ports with port security off, in all tenants.</summary>
    public int PortSecurityOffCount { get; init; }

    /// <summary>Ports with port security on that have the group of a listed exposed rule.</summary>
    public int PortsOfExposedGroups { get; init; }
}
