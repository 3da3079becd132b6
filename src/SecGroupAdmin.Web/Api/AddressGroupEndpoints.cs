using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.AddressGroups;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// <c>/v2.0/address-groups</c>: list, show, create, update (name, description), delete, and the
/// <c>add_addresses</c>/<c>remove_addresses</c> member actions (PUT). Bulk create is not offered (the reference answers
/// 500 for it; here the body without <c>address_group</c> is a 400).
/// </summary>
public static class AddressGroupEndpoints
{
    private static readonly HashSet<string> WritableOnCreate = ["name", "description", "project_id", "tenant_id", "addresses"];
    private static readonly HashSet<string> WritableOnUpdate = ["name", "description"];
    private static readonly HashSet<string> Known = [.. WritableOnCreate, "id", "shared"];
    internal static readonly HashSet<string> Filterable = ["id", "name", "description", "project_id", "tenant_id"];
    internal static readonly HashSet<string> Sortable = Filterable;

    public static void Map(RouteGroupBuilder v2)
    {
        v2.Map("/address-groups", ApiRequest.Dispatch(("GET", ListAsync), ("POST", CreateAsync)));
        v2.Map("/address-groups/{id}", ApiRequest.Dispatch(("GET", ShowAsync), ("PUT", UpdateAsync), ("DELETE", DeleteAsync)));
        v2.Map("/address-groups/{id}/add_addresses", ApiRequest.Dispatch(("PUT", (context, caller) => ChangeAsync(context, caller, add: true))));
        v2.Map("/address-groups/{id}/remove_addresses", ApiRequest.Dispatch(("PUT", (context, caller) => ChangeAsync(context, caller, add: false))));
    }

    private static Task<IResult> ListAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(context, Filterable, Sortable);
        var dbFactory = context.RequestServices.GetRequiredService<IDbContextFactory<AppDbContext>>();
        return Task.FromResult<IResult>(new StreamedJsonResult((w, flush, ct) => AddressGroupList.WriteAsync(w, flush, dbFactory, caller, query, context.Request, ct)));
    }

    private static async Task<IResult> ShowAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(SecurityGroupEndpoints.FieldsOnly(context.Request.Query), Filterable, Sortable);
        var service = context.RequestServices.GetRequiredService<AddressGroupService>();
        var group = await service.GetAsync(caller, Id(context), context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["address_group"] = AddressGroupList.Select(query, ResourceViews.AddressGroup(group)) });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted, resourceBody: true);
        var resource = RequestBody.Resource(body, "address_group");
        var owner = RequestBody.Owner(resource);
        RequestBody.CheckAttributes(resource, WritableOnCreate, Known, isUpdate: false);
        var service = context.RequestServices.GetRequiredService<AddressGroupService>();
        var group = await service.CreateAsync(caller, new AddressGroupCreateRequest
        {
            Name = JsonInput.Get(resource, "name"),
            Description = JsonInput.Get(resource, "description"),
            Addresses = Addresses(resource),
            ProjectId = owner,
        }, context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["address_group"] = ResourceViews.AddressGroup(group) }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted, resourceBody: true);
        var resource = RequestBody.Resource(body, "address_group");
        RequestBody.CheckAttributes(resource, WritableOnUpdate, Known, isUpdate: true);
        var service = context.RequestServices.GetRequiredService<AddressGroupService>();
        var group = await service.UpdateAsync(caller, Id(context), new AddressGroupUpdateRequest
        {
            Name = JsonInput.Get(resource, "name"),
            Description = JsonInput.Get(resource, "description"),
        }, ApiRequest.ExpectedRevision(context), context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["address_group"] = ResourceViews.AddressGroup(group) });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, Caller caller)
    {
        var service = context.RequestServices.GetRequiredService<AddressGroupService>();
        await service.DeleteAsync(caller, Id(context), ApiRequest.ExpectedRevision(context), context.RequestAborted);
        return NeutronResults.NoContent();
    }

    /// <summary><c>PUT …/{id}/add_addresses</c> or <c>…/remove_addresses</c> with <c>{"addresses": [...]}</c>.</summary>
    private static async Task<IResult> ChangeAsync(HttpContext context, Caller caller, bool add)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        var service = context.RequestServices.GetRequiredService<AddressGroupService>();
        var addresses = Addresses(body);
        var group = add
            ? await service.AddAddressesAsync(caller, Id(context), addresses, context.RequestAborted)
            : await service.RemoveAddressesAsync(caller, Id(context), addresses, context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["address_group"] = ResourceViews.AddressGroupAfterAction(group) });
    }

    private static AddressListInput Addresses(JsonElement resource)
    {
        if (!resource.TryGetProperty("addresses", out var value))
        {
            return AddressListInput.Absent;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Null => AddressListInput.Null,
            JsonValueKind.Array => AddressListInput.FromItems([.. value.EnumerateArray().Select(JsonInput.From)]),
            _ => AddressListInput.NotAList(JsonInput.From(value)),
        };
    }

    private static string Id(HttpContext context) => (string)context.GetRouteValue("id")!;
}
