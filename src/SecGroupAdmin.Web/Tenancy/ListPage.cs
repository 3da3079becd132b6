namespace SecGroupAdmin.Web.Tenancy;

/// <summary>One page of a list read in SQL and how many rows match its search.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total);
