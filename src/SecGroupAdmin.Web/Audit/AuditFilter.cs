using SecGroupAdmin.Web.Events;
using Types = SecGroupAdmin.Web.Events.ResourceTypes;

namespace SecGroupAdmin.Web.Audit;

/// <summary>
/// What to show of the audit log. Every field is optional; empty strings count as "not set".
/// <see cref="Actor"/> matches a part of the actor's name (case-insensitive) or the exact user id.
/// <see cref="From"/> is inclusive, <see cref="To"/> exclusive (UTC). <see cref="SecurityGroupId"/> keeps the entries
/// about one group: the group's own and its rules'.
/// </summary>
public sealed record AuditFilter(
    string? TenantId = null,
    string? Actor = null,
    string? ResourceType = null,
    string? ResourceId = null,
    string? Action = null,
    string? Source = null,
    DateTime? From = null,
    DateTime? To = null,
    string? SecurityGroupId = null)
{
    public static readonly IReadOnlyList<string> Actions =
        [ResourceActions.Create, ResourceActions.Update, ResourceActions.Delete, ResourceActions.Replace];
    public static readonly IReadOnlyList<string> ResourceTypes =
        [
            Types.SecurityGroup, Types.SecurityGroupRule, Types.Port, Types.Quota, Types.Tenant, Types.Membership,
            Types.ApiToken, Types.User, Types.Role,
        ];
    public static readonly IReadOnlyList<string> Sources = ["UI", "API", "CLI"];
}
