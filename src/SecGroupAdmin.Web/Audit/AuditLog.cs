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
        db.AuditEntries.Add(entry);
        return entry;
    }
}
