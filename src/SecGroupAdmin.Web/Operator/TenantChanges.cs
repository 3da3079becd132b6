namespace SecGroupAdmin.Web.Operator;

/// <summary>One tenant's audit entries per day (aligned with <see cref="OperatorOverview.Days"/>); the id is "" for entries of no tenant.</summary>
public sealed record TenantChanges(string TenantId, string? TenantName, IReadOnlyList<int> PerDay);
