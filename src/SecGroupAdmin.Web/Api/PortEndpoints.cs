using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Groups;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Ports;

namespace SecGroupAdmin.Web.Api;

/// <summary><c>/v2.0/ports</c>, with the fields SecGroupAdmin models.</summary>
public static class PortEndpoints
{
    private static readonly HashSet<string> WritableOnCreate =
        ["name", "network_id", "security_groups", "port_security_enabled", "device_owner", "project_id", "tenant_id", "admin_state_up", "description", "fixed_ips"];
    private static readonly HashSet<string> WritableOnUpdate = ["name", "security_groups", "port_security_enabled", "admin_state_up", "description", "fixed_ips"];
    private static readonly HashSet<string> Known =
        [.. WritableOnCreate, "id", "status", "tags", "revision_number", "created_at", "updated_at", "mac_address", "device_id"];
    internal static readonly HashSet<string> Filterable =
        ["id", "name", "network_id", "project_id", "tenant_id", "device_owner", "port_security_enabled", "security_groups", "revision_number", FixedIpFilter.Key];
    internal static readonly HashSet<string> Sortable = ["id", "name", "network_id", "project_id", "tenant_id", "created_at", "updated_at"];

    public static void Map(RouteGroupBuilder v2)
    {
        v2.Map("/ports", ApiRequest.Dispatch(("GET", ListAsync), ("POST", CreateAsync)));
        v2.Map("/ports/{id}", ApiRequest.Dispatch(("GET", ShowAsync), ("PUT", UpdateAsync), ("DELETE", DeleteAsync)));
    }

    private static Task<IResult> ListAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(context, Filterable, Sortable);
        var dbFactory = context.RequestServices.GetRequiredService<IDbContextFactory<AppDbContext>>();
        return Task.FromResult<IResult>(new StreamedJsonResult((w, flush, ct) => PortList.WriteAsync(w, flush, dbFactory, caller, query, context.Request, ct)));
    }

    private static async Task<IResult> ShowAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(SecurityGroupEndpoints.FieldsOnly(context.Request.Query), Filterable, Sortable);
        var service = context.RequestServices.GetRequiredService<PortService>();
        var port = await service.GetPortAsync(caller, (string)context.GetRouteValue("id")!, context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["port"] = query.Select(ResourceViews.Port(port)) });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        var resource = RequestBody.Resource(body, "port");
        var owner = RequestBody.Owner(resource);
        RequestBody.CheckAttributes(resource, WritableOnCreate, Known, isUpdate: false);
        if (!resource.TryGetProperty("network_id", out var network))
        {
            throw new NeutronException(NeutronErrors.RequiredAttribute("network_id"));
        }
        var request = new PortCreateRequest
        {
            Name = String(resource, "name") ?? "",
            NetworkId = network.ValueKind == JsonValueKind.String ? network.GetString()! : throw new NeutronException(NeutronErrors.InvalidStringInput("network_id", JsonInput.From(network).Display)),
            DeviceOwner = String(resource, "device_owner") ?? "",
            PortSecurityEnabled = Boolean(resource, "port_security_enabled") ?? true,
            SecurityGroupIds = GroupIds(resource),
            FixedIps = FixedIps(resource) ?? [],
            ProjectId = owner,
        };
        var service = context.RequestServices.GetRequiredService<PortService>();
        var port = await service.CreatePortAsync(caller, request, context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["port"] = ResourceViews.Port(port) }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        var resource = RequestBody.Resource(body, "port");
        RequestBody.CheckAttributes(resource, WritableOnUpdate, Known, isUpdate: true);
        var request = new PortUpdateRequest
        {
            Name = String(resource, "name"),
            PortSecurityEnabled = Boolean(resource, "port_security_enabled"),
            SecurityGroupIds = GroupIds(resource),
            FixedIps = FixedIps(resource),
        };
        var service = context.RequestServices.GetRequiredService<PortService>();
        var port = await service.UpdatePortAsync(caller, (string)context.GetRouteValue("id")!, request, ApiRequest.ExpectedRevision(context), context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["port"] = ResourceViews.Port(port) });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, Caller caller)
    {
        var service = context.RequestServices.GetRequiredService<PortService>();
        await service.DeletePortAsync(caller, (string)context.GetRouteValue("id")!, context.RequestAborted);
        return NeutronResults.NoContent();
    }

    private static string? String(JsonElement resource, string name)
    {
        if (!resource.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new NeutronException(NeutronErrors.InvalidStringInput(name, JsonInput.From(value).Display));
        }
        var text = value.GetString()!;
        if (text.Length > 255)
        {
            throw new NeutronException(NeutronErrors.TooLong(name, text, 255));
        }
        return name == "name" && GroupValidator.ValidatePrintable(name, text) is { } error ? throw new NeutronException(error) : text;
    }

    private static bool? Boolean(JsonElement resource, string name)
    {
        if (!resource.TryGetProperty(name, out var value))
        {
            return null;
        }
        return GroupValidator.TryConvertStateful(JsonInput.From(value), out var result, out var error)
            ? result
            : throw new NeutronException(error! with { Field = name });
    }

    /// <summary>
    /// The addresses of <c>fixed_ips</c> (<c>[{"ip_address": "10.0.0.5"}, ...]</c>), or null when not given; null is an
    /// empty list. The addresses themselves are checked by the service (FixedIpValidator). Without subnets here an entry
    /// needs its <c>ip_address</c> and takes no other key.
    /// </summary>
    private static List<string>? FixedIps(JsonElement resource)
    {
        if (!resource.TryGetProperty("fixed_ips", out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new NeutronException(NeutronErrors.InvalidInputFor("fixed_ips", $"Invalid data format for fixed IP: '{JsonInput.From(value).Display}'"));
        }
        var addresses = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new NeutronException(NeutronErrors.InvalidInputFor("fixed_ips", $"Invalid data format for fixed IP: '{JsonInput.From(item).Display}'"));
            }
            foreach (var property in item.EnumerateObject())
            {
                if (property.Name is "subnet_id" or "subnet")
                {
                    throw new NeutronException(NeutronErrors.InvalidInputFor("fixed_ips",
                        "SecGroupAdmin has no subnets: give each fixed IP as {\"ip_address\": \"<address>\"} alone"));
                }
                if (property.Name != "ip_address")
                {
                    throw new NeutronException(NeutronErrors.InvalidInputFor("fixed_ips", $"Unrecognized attribute '{property.Name}' in a fixed IP"));
                }
            }
            if (!item.TryGetProperty("ip_address", out var address))
            {
                throw new NeutronException(NeutronErrors.InvalidInputFor("fixed_ips",
                    "each fixed IP needs its ip_address (SecGroupAdmin has no subnets to allocate one from)"));
            }
            addresses.Add(address.ValueKind == JsonValueKind.String ? address.GetString()! : JsonInput.From(address).Display);
        }
        return addresses;
    }

    /// <summary>A list of UUIDs, or null when not given.</summary>
    private static List<string>? GroupIds(JsonElement resource)
    {
        if (!resource.TryGetProperty("security_groups", out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new NeutronException(NeutronErrors.InvalidInputFor("security_groups", $"'{JsonInput.From(value).Display}' is not a list"));
        }
        var ids = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : JsonInput.From(item).Display;
            if (item.ValueKind != JsonValueKind.String || !Guid.TryParseExact(text, "D", out _))
            {
                throw new NeutronException(NeutronErrors.InvalidInputFor("security_groups", $"'{text}' is not a valid UUID"));
            }
            ids.Add(text);
        }
        return ids;
    }
}
