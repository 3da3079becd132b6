using System.Text.Json;
using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// Reads a Neutron request body: JSON object, the resource key, known and writable attributes
/// (neutron/api/v2/base.py: Controller.prepare_request_body, with neutron_lib/api/attributes.py: verify_attributes
/// for unknown and read-only keys). Refusals are thrown as <see cref="NeutronException"/>.
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// Parses the body as a JSON object; bodies over 1 MiB are refused with 413 by the caller of this method. With
    /// <paramref name="resourceBody"/> (the create and update of an extension's resource: groups, rules, address groups,
    /// which go through Neutron's prepare_request_body) a body Python finds empty (<c>{}</c>, <c>[]</c>, <c>null</c>,
    /// <c>""</c>, <c>0</c>, <c>false</c>) answers "Resource body required", as the reference does.
    /// </summary>
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, CancellationToken ct, bool resourceBody = false)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new RequestTooLargeException();
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                throw new RequestTooLargeException();
            }
        }
        try
        {
            using var doc = JsonDocument.Parse(buffer.ToArray());
            if (resourceBody && IsFalsy(doc.RootElement))
            {
                throw new NeutronException(NeutronErrors.BadRequest("Resource body required"));
            }
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new NeutronException(NeutronErrors.BadRequest("Body contains invalid data"));
            }
            CheckStrings(doc.RootElement);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new NeutronException(NeutronErrors.MalformedBody());
        }
        catch (InvalidOperationException)
        {
            // Well-formed JSON whose strings are not valid UTF-16 (a lone surrogate such as "\ud800").
            throw new NeutronException(NeutronErrors.MalformedBody());
        }
    }

    /// <summary>Decodes every name and string once, so that undecodable text is refused here and not deep in a handler (500).</summary>
    private static void CheckStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    CheckStrings(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CheckStrings(item);
                }
                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    /// <summary>
    /// The single resource object under <paramref name="key"/>: absent or null is "Unable to find 'key' in request body",
    /// anything but an object "Object 'key' contains invalid data" (neutron/api/v2/base.py: prepare_request_body).
    /// </summary>
    public static JsonElement Resource(JsonElement body, string key)
    {
        if (!body.TryGetProperty(key, out var resource) || resource.ValueKind == JsonValueKind.Null)
        {
            throw new NeutronException(NeutronErrors.BadRequest($"Unable to find '{key}' in request body"));
        }
        if (resource.ValueKind != JsonValueKind.Object)
        {
            throw new NeutronException(NeutronErrors.BadRequest($"Object '{key}' contains invalid data"));
        }
        return resource;
    }

    /// <summary>
    /// The items of a bulk body (<c>{"security_groups": [...]}</c>) as the reference reads them: an item holding
    /// <paramref name="key"/> is a body of its own, any other is the resource itself. What Python cannot look into (null,
    /// a number) is "Body contains invalid data"; a string or a list where an object belongs is
    /// "Object 'key' contains invalid data". A string or an object given instead of the list is walked as Python walks it
    /// (its characters, its keys). Count and emptiness are the caller's to check first.
    /// </summary>
    public static List<JsonElement> BulkResources(JsonElement list, string key)
    {
        List<JsonElement> items = list.ValueKind switch
        {
            JsonValueKind.Array => [.. list.EnumerateArray()],
            JsonValueKind.String => [.. list.GetString()!.Select(c => JsonSerializer.SerializeToElement(new string(c, 1)))],
            JsonValueKind.Object => list.EnumerateObject().Select(p => JsonSerializer.SerializeToElement(p.Name)).ToList(),
            _ => throw new NeutronException(NeutronErrors.BadRequest("Body contains invalid data")),
        };
        var resources = new List<JsonElement>(items.Count);
        foreach (var item in items)
        {
            var holdsKey = item.ValueKind switch
            {
                JsonValueKind.Object => item.TryGetProperty(key, out _),
                JsonValueKind.String => item.GetString()!.Contains(key, StringComparison.Ordinal),
                JsonValueKind.Array => item.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == key),
                _ => throw new NeutronException(NeutronErrors.BadRequest("Body contains invalid data")),
            };
            if (holdsKey && item.ValueKind != JsonValueKind.Object)
            {
                // The item itself is taken as the body, which Python cannot look a key up in.
                throw new NeutronException(NeutronErrors.BadRequest("Body contains invalid data"));
            }
            resources.Add(holdsKey ? Resource(item, key) : item.ValueKind == JsonValueKind.Object
                ? item
                : throw new NeutronException(NeutronErrors.BadRequest($"Object '{key}' contains invalid data")));
        }
        return resources;
    }

    /// <summary>Python's truth value of a JSON value: false for null, false, 0, "", [] and {}.</summary>
    public static bool IsFalsy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => true,
        JsonValueKind.Number => value.TryGetDouble(out var d) && d == 0,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };

    /// <summary>
    /// Refuses unknown attributes ("Unrecognized attribute(s) 'foo'") and known attributes that may not be
    /// written by this method ("Attribute 'id' not allowed in POST" / "Cannot update read-only attribute id").
    /// </summary>
    public static void CheckAttributes(JsonElement resource, IReadOnlySet<string> writable, IReadOnlySet<string> known, bool isUpdate)
    {
        var unknown = resource.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new NeutronException(NeutronErrors.UnrecognizedAttributes(unknown));
        }
        foreach (var property in resource.EnumerateObject())
        {
            if (!writable.Contains(property.Name))
            {
                throw new NeutronException(isUpdate
                    ? NeutronErrors.ReadOnlyAttribute(property.Name)
                    : NeutronErrors.NotAllowedInPost(property.Name));
            }
        }
    }

    /// <summary>The owner named by project_id / tenant_id (they must agree), or null.</summary>
    public static string? Owner(JsonElement resource)
    {
        string? project = StringOrNull(resource, "project_id");
        string? tenant = StringOrNull(resource, "tenant_id");
        if (project is not null && tenant is not null && project != tenant)
        {
            throw new NeutronException(NeutronErrors.BadRequest("project_id and tenant_id do not match"));
        }
        return project ?? tenant;
    }

    private static string? StringOrNull(JsonElement resource, string name)
    {
        if (!resource.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new NeutronException(NeutronErrors.InvalidStringInput(name, JsonInput.From(value).Display));
        }
        return value.GetString();
    }
}
