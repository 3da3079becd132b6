using System.Text.Json;
using SecGroupAdmin.Data.Audit;

namespace SecGroupAdmin.Web.Cli;

/// <summary>Audit entries for changes made by the admin verbs. The JSON never carries a password or token.</summary>
internal static class CliAudit
{
    public const string Source = "CLI";
    public const string ActorUserId = "cli";
    public const string ActorName = "admin CLI";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static AuditEntry Entry(DateTime at, string action, string resourceType, string resourceId, string? tenantId,
        object? before, object? after) => new()
        {
            At = at,
            ActorUserId = ActorUserId,
            ActorName = ActorName,
            Source = Source,
            Action = action,
            ResourceType = resourceType,
            ResourceId = resourceId,
            TenantId = tenantId ?? "",
            BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
            AfterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
        };
}
