using System.Buffers;
using System.Text.Json;
using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// Writes the group and rule shapes of <see cref="ResourceViews"/> straight to UTF-8 JSON, byte for byte what
/// serialising those views gives (same property order, escaping and number forms), without building a JSON tree.
/// Used for plain lists and shows (no <c>fields</c>, sorting, paging or in-memory filters), where a group with
/// hundreds of rules made the tree the largest cost of the request.
/// </summary>
public static class ResourceWriter
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public static void Rule(Utf8JsonWriter w, SecurityGroupRule r, ISet<string> defaultGroupIds)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("tenant_id", r.TenantId);
        w.WriteString("security_group_id", r.SecurityGroupId);
        w.WriteString("ethertype", r.Ethertype);
        w.WriteString("direction", r.Direction);
        StringOrNull(w, "protocol", r.Protocol);
        NumberOrNull(w, "port_range_min", r.PortRangeMin);
        NumberOrNull(w, "port_range_max", r.PortRangeMax);
        StringOrNull(w, "remote_ip_prefix", r.RemoteIpPrefix);
        StringOrNull(w, "remote_address_group_id", r.RemoteAddressGroupId);
        StringOrNull(w, "normalized_cidr", r.NormalizedCidr);
        StringOrNull(w, "remote_group_id", r.RemoteGroupId);
        StringOrNull(w, "description", r.Description);
        w.WriteBoolean("belongs_to_default_sg", defaultGroupIds.Contains(r.SecurityGroupId));
        w.WriteString("created_at", ResourceViews.Timestamp(r.CreatedAt));
        w.WriteString("updated_at", ResourceViews.Timestamp(r.UpdatedAt));
        w.WriteNumber("revision_number", r.RevisionNumber);
        w.WriteString("project_id", r.TenantId);
        w.WriteEndObject();
    }

    public static void Group(Utf8JsonWriter w, SecurityGroup g, ISet<string> defaultGroupIds)
    {
        w.WriteStartObject();
        w.WriteString("id", g.Id);
        w.WriteString("name", g.Name);
        w.WriteBoolean("stateful", g.Stateful);
        w.WriteString("tenant_id", g.TenantId);
        w.WriteString("description", g.Description);
        w.WriteBoolean("shared", false);
        w.WriteStartArray("security_group_rules");
        foreach (var rule in g.Rules.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id))
        {
            Rule(w, rule, defaultGroupIds);
        }
        w.WriteEndArray();
        w.WriteStartArray("tags");
        w.WriteEndArray();
        w.WriteString("created_at", ResourceViews.Timestamp(g.CreatedAt));
        w.WriteString("updated_at", ResourceViews.Timestamp(g.UpdatedAt));
        w.WriteNumber("revision_number", g.RevisionNumber);
        w.WriteString("project_id", g.TenantId);
        w.WriteEndObject();
    }

    /// <summary><c>{"name": [items...]}</c> as a 200 response.</summary>
    public static IResult Collection<T>(string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write) =>
        Result(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray(name);
            foreach (var item in items)
            {
                write(w, item);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary><c>{"name": item}</c> as a 200 response.</summary>
    public static IResult Single<T>(string name, T item, Action<Utf8JsonWriter, T> write) =>
        Result(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName(name);
            write(w, item);
            w.WriteEndObject();
        });

    /// <summary>Writes into a buffer first, so the response carries a Content-Length as <see cref="NeutronResults.Json"/> does.</summary>
    private static IResult Result(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return Results.Bytes(buffer.WrittenMemory, JsonContentType);
    }

    private static void StringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void NumberOrNull(Utf8JsonWriter w, string name, int? value)
    {
        if (value is int n)
        {
            w.WriteNumber(name, n);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
