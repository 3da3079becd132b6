using System.Text.Json;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Events;

namespace SecGroupAdmin.Web.Audit;

/// <summary>How one field differs between the before and after snapshots of an audit entry.</summary>
public enum FieldChangeKind
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// <summary>One field of a snapshot, as text ("null" for JSON null, absent as null).</summary>
public sealed record FieldChange(string Field, string? Before, string? After, FieldChangeKind Kind);

/// <summary>Field-by-field comparison of an audit entry's JSON snapshots, and rules in words.</summary>
public static class AuditDiff
{
    /// <summary>
    /// The top-level fields of both snapshots in their order of appearance (before's first, then new ones):
    /// Added when only after has it (or the entry is a create), Removed when only before has it (or a delete).
    /// </summary>
    public static List<FieldChange> Compare(string? beforeJson, string? afterJson)
    {
        var before = Fields(beforeJson);
        var after = Fields(afterJson);
        var names = before.Keys.Concat(after.Keys.Where(k => !before.ContainsKey(k))).ToList();
        var result = new List<FieldChange>(names.Count);
        foreach (var name in names)
        {
            var hasBefore = before.TryGetValue(name, out var b);
            var hasAfter = after.TryGetValue(name, out var a);
            var kind = (hasBefore, hasAfter) switch
            {
                (true, true) => b == a ? FieldChangeKind.Unchanged : FieldChangeKind.Changed,
                (false, true) => FieldChangeKind.Added,
                _ => FieldChangeKind.Removed,
            };
            result.Add(new FieldChange(name, hasBefore ? b : null, hasAfter ? a : null, kind));
        }
        return result;
    }

    /// <summary>A rule snapshot in words ("ALLOW IPv4 22/tcp from 10.0.0.0/8"), or null when it is not a rule.</summary>
    public static string? DescribeRule(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("direction", out _))
            {
                return null;
            }
            var rule = new NormalizedRule(
                Str(r, "security_group_id") ?? "",
                Str(r, "direction") ?? Directions.Ingress,
                Str(r, "ethertype") ?? Ethertypes.IPv4,
                Str(r, "protocol"),
                Int(r, "port_range_min"),
                Int(r, "port_range_max"),
                Str(r, "remote_ip_prefix"),
                Str(r, "normalized_cidr"),
                Str(r, "remote_group_id"),
                Str(r, "remote_address_group_id"),
                Str(r, "description") ?? "");
            return RuleText.Describe(rule);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A few words naming the resource: the rule in words, or the snapshot's name field.</summary>
    public static string? Summary(string resourceType, string? beforeJson, string? afterJson)
    {
        if (resourceType == ResourceTypes.SecurityGroupRule)
        {
            return DescribeRule(afterJson ?? beforeJson);
        }
        var fields = Fields(afterJson ?? beforeJson);
        return fields.TryGetValue("name", out var name) && name is not ("" or "null") ? name
            : fields.TryGetValue("email", out var email) ? email
            : null;
    }

    private static Dictionary<string, string> Fields(string? json)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return fields;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                fields["value"] = Text(doc.RootElement);
                return fields;
            }
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                fields[p.Name] = Text(p.Value);
            }
        }
        catch (JsonException)
        {
            fields["value"] = json;
        }
        return fields;
    }

    private static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Null => "null",
        _ => e.GetRawText(),
    };

    private static string? Str(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
}
