using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SecGroupAdmin.Web.Audit;

/// <summary>Audit entries as CSV (RFC 4180, spreadsheet-safe) and JSON.</summary>
public static class AuditExport
{
    public static readonly string[] Columns =
        ["id", "at", "tenant_id", "tenant_name", "actor_user_id", "actor_name", "action", "resource_type", "resource_id", "security_group_id", "security_group_name", "source", "request_id", "before", "after", "change_set_id"];

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static string ToCsv(IEnumerable<AuditRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Columns).Append("\r\n");
        foreach (var r in rows)
        {
            string?[] values =
            [
                r.Id.ToString(CultureInfo.InvariantCulture), Iso(r.At), r.TenantId, r.TenantName, r.ActorUserId, r.ActorName,
                r.Action, r.ResourceType, r.ResourceId, r.SecurityGroupId, r.SecurityGroupName, r.Source, r.RequestId, r.BeforeJson, r.AfterJson, r.ChangeSetId,
            ];
            sb.AppendJoin(',', values.Select(Cell)).Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>An array of entries; the snapshots are embedded as JSON, not as strings.</summary>
    public static string ToJson(IEnumerable<AuditRow> rows)
    {
        var items = rows.Select(r => new Dictionary<string, object?>
        {
            ["id"] = r.Id,
            ["at"] = Iso(r.At),
            ["tenant_id"] = r.TenantId,
            ["tenant_name"] = r.TenantName,
            ["actor_user_id"] = r.ActorUserId,
            ["actor_name"] = r.ActorName,
            ["action"] = r.Action,
            ["resource_type"] = r.ResourceType,
            ["resource_id"] = r.ResourceId,
            ["security_group_id"] = r.SecurityGroupId,
            ["security_group_name"] = r.SecurityGroupName,
            ["source"] = r.Source,
            ["request_id"] = r.RequestId,
            ["change_set_id"] = r.ChangeSetId,
            ["before"] = Parse(r.BeforeJson),
            ["after"] = Parse(r.AfterJson),
        });
        return JsonSerializer.Serialize(items, JsonOptions);
    }

    public static string Iso(DateTime at) =>
        DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Quotes when needed; a leading =, +, - or @ gets a ' so spreadsheets never run it as a formula.</summary>
    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        value = Csv.CsvFormulaGuard.Guard(value);
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
