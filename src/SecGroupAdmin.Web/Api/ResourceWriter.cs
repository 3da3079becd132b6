using System.Globalization;
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
    /// <summary>About what one rule takes in JSON, to size the buffer once instead of growing it by copies.</summary>
    private const int BytesPerRule = 640;

    // Property names encoded once (no per-write escaping and transcoding of names).
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText TenantId = JsonEncodedText.Encode("tenant_id");
    private static readonly JsonEncodedText SecurityGroupId = JsonEncodedText.Encode("security_group_id");
    private static readonly JsonEncodedText Ethertype = JsonEncodedText.Encode("ethertype");
    private static readonly JsonEncodedText Direction = JsonEncodedText.Encode("direction");
    private static readonly JsonEncodedText Protocol = JsonEncodedText.Encode("protocol");
    private static readonly JsonEncodedText PortRangeMin = JsonEncodedText.Encode("port_range_min");
    private static readonly JsonEncodedText PortRangeMax = JsonEncodedText.Encode("port_range_max");
    private static readonly JsonEncodedText RemoteIpPrefix = JsonEncodedText.Encode("remote_ip_prefix");
    private static readonly JsonEncodedText RemoteAddressGroupId = JsonEncodedText.Encode("remote_address_group_id");
    private static readonly JsonEncodedText NormalizedCidr = JsonEncodedText.Encode("normalized_cidr");
    private static readonly JsonEncodedText RemoteGroupId = JsonEncodedText.Encode("remote_group_id");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText BelongsToDefaultSg = JsonEncodedText.Encode("belongs_to_default_sg");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updated_at");
    private static readonly JsonEncodedText RevisionNumber = JsonEncodedText.Encode("revision_number");
    private static readonly JsonEncodedText ProjectId = JsonEncodedText.Encode("project_id");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Stateful = JsonEncodedText.Encode("stateful");
    private static readonly JsonEncodedText Shared = JsonEncodedText.Encode("shared");
    private static readonly JsonEncodedText SecurityGroupRules = JsonEncodedText.Encode("security_group_rules");
    private static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");

    public static void Rule(Utf8JsonWriter w, SecurityGroupRule r, ISet<string> defaultGroupIds)
    {
        w.WriteStartObject();
        w.WriteString(Id, r.Id);
        w.WriteString(TenantId, r.TenantId);
        w.WriteString(SecurityGroupId, r.SecurityGroupId);
        w.WriteString(Ethertype, r.Ethertype);
        w.WriteString(Direction, r.Direction);
        StringOrNull(w, Protocol, r.Protocol);
        NumberOrNull(w, PortRangeMin, r.PortRangeMin);
        NumberOrNull(w, PortRangeMax, r.PortRangeMax);
        StringOrNull(w, RemoteIpPrefix, r.RemoteIpPrefix);
        StringOrNull(w, RemoteAddressGroupId, r.RemoteAddressGroupId);
        StringOrNull(w, NormalizedCidr, r.NormalizedCidr);
        StringOrNull(w, RemoteGroupId, r.RemoteGroupId);
        StringOrNull(w, Description, r.Description);
        w.WriteBoolean(BelongsToDefaultSg, defaultGroupIds.Contains(r.SecurityGroupId));
        TagArray(w, r.Tags);
        Timestamp(w, CreatedAt, r.CreatedAt);
        Timestamp(w, UpdatedAt, r.UpdatedAt);
        w.WriteNumber(RevisionNumber, r.RevisionNumber);
        w.WriteString(ProjectId, r.TenantId);
        w.WriteEndObject();
    }

    public static void Group(Utf8JsonWriter w, SecurityGroup g, ISet<string> defaultGroupIds)
    {
        w.WriteStartObject();
        w.WriteString(Id, g.Id);
        w.WriteString(Name, g.Name);
        w.WriteBoolean(Stateful, g.Stateful);
        w.WriteString(TenantId, g.TenantId);
        w.WriteString(Description, g.Description);
        w.WriteBoolean(Shared, g.Shared);
        w.WriteStartArray(SecurityGroupRules);
        foreach (var rule in g.Rules.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id))
        {
            Rule(w, rule, defaultGroupIds);
        }
        w.WriteEndArray();
        TagArray(w, g.Tags);
        Timestamp(w, CreatedAt, g.CreatedAt);
        Timestamp(w, UpdatedAt, g.UpdatedAt);
        w.WriteNumber(RevisionNumber, g.RevisionNumber);
        w.WriteString(ProjectId, g.TenantId);
        w.WriteEndObject();
    }

    /// <summary><c>{"name": [items...]}</c> as a 200 response; <paramref name="rules"/> (how many rules in all) sizes the buffer.</summary>
    public static IResult Collection<T>(string name, IEnumerable<T> items, int rules, Action<Utf8JsonWriter, T> write) =>
        Result(rules, w =>
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

    /// <summary><c>{"name": item}</c> as a 200 response; <paramref name="rules"/> (how many rules it holds) sizes the buffer.</summary>
    public static IResult Single<T>(string name, T item, int rules, Action<Utf8JsonWriter, T> write) =>
        Result(rules, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName(name);
            write(w, item);
            w.WriteEndObject();
        });

    /// <summary>Writes into a pooled buffer first, so the response carries a Content-Length as <see cref="NeutronResults.Json"/> does.</summary>
    private static PooledJsonResult Result(int rules, Action<Utf8JsonWriter> write) => new PooledJsonResult(4 * 1024 + rules * BytesPerRule, write);

    /// <summary>As <see cref="ResourceViews.Timestamp"/>, formatted straight to UTF-8.</summary>
    private static void Timestamp(Utf8JsonWriter w, JsonEncodedText name, DateTime utc)
    {
        Span<byte> text = stackalloc byte[24];
        if (utc.TryFormat(text, out var length, ResourceViews.TimestampFormat, CultureInfo.InvariantCulture))
        {
            w.WriteString(name, text[..length]);
        }
        else
        {
            w.WriteString(name, ResourceViews.Timestamp(utc));
        }
    }

    private static void TagArray(Utf8JsonWriter w, IReadOnlyList<string> tags)
    {
        w.WriteStartArray(Tags);
        foreach (var tag in tags)
        {
            w.WriteStringValue(tag);
        }
        w.WriteEndArray();
    }

    private static void StringOrNull(Utf8JsonWriter w, JsonEncodedText name, string? value)
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

    private static void NumberOrNull(Utf8JsonWriter w, JsonEncodedText name, int? value)
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
