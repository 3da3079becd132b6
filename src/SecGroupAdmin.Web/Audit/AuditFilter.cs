namespace SecGroupAdmin.Web.Audit;

/// <summary>
/// What to show of the audit log. Every field is optional; empty strings count as "not set".
/// <see cref="Actor"/> matches a part of the actor's name (case-insensitive) or the exact user id.
/// <see cref="From"/> is inclusive, <see cref="To"/> exclusive (UTC).
/// </summary>
public sealed record AuditFilter(
    string? TenantId = null,
    string? Actor = null,
    string? ResourceType = null,
    string? ResourceId = null,
    string? Action = null,
    string? Source = null,
    DateTime? From = null,
    DateTime? To = null)
{
    public static readonly IReadOnlyList<string> Actions = ["create", "update", "delete", "replace"];
    public static readonly IReadOnlyList<string> ResourceTypes =
        ["security_group", "security_group_rule", "port", "quota", "tenant", "membership", "api_token", "user", "role"];
    public static readonly IReadOnlyList<string> Sources = ["UI", "API", "CLI"];
}
