using System.Text.Json;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Audit;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Audit;

/// <summary>Adds audit entries to the context of the change's own transaction, so they commit or roll back with it.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static AuditEntry Record(
        AppDbContext db, Caller caller, DateTime at, string tenantId, string action,
        string resourceType, string resourceId, object? before, object? after)
    {
        var entry = new AuditEntry
        {
            At = at,
            ActorUserId = caller.UserId,
            ActorName = caller.UserName,
            TenantId = tenantId,
            Action = action,
            ResourceType = resourceType,
            ResourceId = resourceId,
            BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
            AfterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
            Source = caller.Source.ToString(),
            RequestId = caller.RequestId,
        };
        entry.SecurityGroupId = GroupOf(entry);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// The security group an entry is about: a group's own id, a rule's <c>security_group_id</c> (after, else before;
    /// as the migration AuditSecurityGroupId backfills older entries); null for other resources.
    /// </summary>
    public static string? GroupOf(AuditEntry entry) => entry.ResourceType switch
    {
        Events.ResourceTypes.SecurityGroup => entry.ResourceId,
        Events.ResourceTypes.SecurityGroupRule => GroupIdIn(entry.AfterJson) ?? GroupIdIn(entry.BeforeJson),
        _ => null,
    };

    private static string? GroupIdIn(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("security_group_id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
    }
}
