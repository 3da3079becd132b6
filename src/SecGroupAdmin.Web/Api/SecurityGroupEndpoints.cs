using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tags;

namespace SecGroupAdmin.Web.Api;

/// <summary><c>/v2.0/security-groups</c>: list, show, create (single and bulk), update, delete.</summary>
public static class SecurityGroupEndpoints
{
    private static readonly HashSet<string> Known =
        ["id", "name", "description", "project_id", "tenant_id", "stateful", "shared", "security_group_rules", "revision_number", "created_at", "updated_at", "tags"];
    private static readonly HashSet<string> WritableOnCreate = ["name", "description", "project_id", "tenant_id", "stateful"];
    private static readonly HashSet<string> WritableOnUpdate = ["name", "description", "stateful"];
    internal static readonly HashSet<string> Filterable =
        ["id", "name", "description", "project_id", "tenant_id", "stateful", "shared", "revision_number", .. TagFilters.Keys];
    internal static readonly HashSet<string> Sortable =
        ["id", "name", "description", "project_id", "tenant_id", "stateful", "revision_number", "created_at", "updated_at"];

    public static void Map(RouteGroupBuilder v2)
    {
        v2.Map("/security-groups", ApiRequest.Dispatch(("GET", ListAsync), ("POST", CreateAsync)));
        v2.Map("/security-groups/{id}", ApiRequest.Dispatch(("GET", ShowAsync), ("PUT", UpdateAsync), ("DELETE", DeleteAsync)));
    }

    private static async Task<IResult> ListAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(context, Filterable, Sortable);
        var service = context.RequestServices.GetRequiredService<SecurityGroupService>();
        // Narrowed to the first project asked for, as the service's list always did; filters then apply to it.
        var project = query.Filter("project_id")?.FirstOrDefault() ?? query.Filter("tenant_id")?.FirstOrDefault();
        foreach (var shared in query.Filter("shared") ?? [])
        {
            ListFields.Shared(shared ?? ""); // refused before the streamed answer starts
        }
        await service.EnsureDefaultGroupAsync(caller, project ?? caller.TenantId, context.RequestAborted);
        var dbFactory = context.RequestServices.GetRequiredService<IDbContextFactory<AppDbContext>>();
        return new StreamedJsonResult((w, flush, ct) => GroupList.WriteAsync(w, flush, dbFactory, caller, project, query, context.Request, ct));
    }

    private static async Task<IResult> ShowAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(FieldsOnly(context.Request.Query), Filterable, Sortable);
        var service = context.RequestServices.GetRequiredService<SecurityGroupService>();
        var withRules = query.Selects("security_group_rules");
        var group = await service.FindGroupAsync(caller, (string)context.GetRouteValue("id")!, withRules, context.RequestAborted);
        var defaults = withRules ? await service.DefaultGroupIdsAsync([group.Id], context.RequestAborted) : [];
        await context.RequestServices.GetRequiredService<TagService>().FillAsync(group, context.RequestAborted);
        if (query.SelectsAll)
        {
            return ResourceWriter.Single("security_group", group, group.Rules.Count, (w, g) => ResourceWriter.Group(w, g, defaults));
        }
        return NeutronResults.Json(new JsonObject { ["security_group"] = query.Select(ResourceViews.Group(group, defaults)) });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted, resourceBody: true);
        var service = context.RequestServices.GetRequiredService<SecurityGroupService>();
        var bulk = body.TryGetProperty("security_groups", out var list);
        var resources = bulk ? BulkItems(list, context, "security_group") : [RequestBody.Resource(body, "security_group")];
        var requests = resources.Select(ToCreateRequest).ToList();
        var created = await service.CreateGroupsAsync(caller, requests, context.RequestAborted);
        var defaults = await service.DefaultGroupIdsAsync(created.Select(g => g.Id), context.RequestAborted);
        var views = created.Select(g => ResourceViews.Group(g, defaults)).ToList();
        return NeutronResults.Json(bulk
            ? new JsonObject { ["security_groups"] = new JsonArray([.. views]) }
            : new JsonObject { ["security_group"] = views[0] }, StatusCodes.Status201Created);
    }

    private static GroupCreateRequest ToCreateRequest(JsonElement resource)
    {
        var owner = RequestBody.Owner(resource);
        RequestBody.CheckAttributes(resource, WritableOnCreate, Known, isUpdate: false);
        return new GroupCreateRequest
        {
            Name = JsonInput.Get(resource, "name"),
            Description = JsonInput.Get(resource, "description"),
            Stateful = JsonInput.Get(resource, "stateful"),
            ProjectId = owner,
        };
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted, resourceBody: true);
        var resource = RequestBody.Resource(body, "security_group");
        RequestBody.CheckAttributes(resource, WritableOnUpdate, Known, isUpdate: true);
        var service = context.RequestServices.GetRequiredService<SecurityGroupService>();
        var group = await service.UpdateGroupAsync(caller, (string)context.GetRouteValue("id")!, new GroupUpdateRequest
        {
            Name = JsonInput.Get(resource, "name"),
            Description = JsonInput.Get(resource, "description"),
            Stateful = JsonInput.Get(resource, "stateful"),
        }, ApiRequest.ExpectedRevision(context), context.RequestAborted);
        var defaults = await service.DefaultGroupIdsAsync([group.Id], context.RequestAborted);
        await context.RequestServices.GetRequiredService<TagService>().FillAsync(group, context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["security_group"] = ResourceViews.Group(group, defaults) });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, Caller caller)
    {
        var service = context.RequestServices.GetRequiredService<SecurityGroupService>();
        await service.DeleteGroupAsync(caller, (string)context.GetRouteValue("id")!, ApiRequest.ExpectedRevision(context), context.RequestAborted);
        return NeutronResults.NoContent();
    }

    /// <summary>
    /// The objects of a bulk body. More than <see cref="ApiOptions.MaxBulkItems"/> are refused with 413 before anything
    /// is validated or written (the reference Neutron has no cap; a deliberate delta).
    /// </summary>
    internal static List<JsonElement> BulkItems(JsonElement list, HttpContext context, string key)
    {
        if (RequestBody.IsFalsy(list))
        {
            throw new NeutronException(Domain.Errors.NeutronErrors.BadRequest("Resources required"));
        }
        var max = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBulkItems;
        if (list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > max)
        {
            throw new NeutronException(Domain.Errors.NeutronErrors.TooManyBulkItems(list.GetArrayLength(), max));
        }
        return RequestBody.BulkResources(list, key);
    }

    /// <summary>Show accepts only <c>fields</c>.</summary>
    internal static IQueryCollection FieldsOnly(IQueryCollection query) =>
        new QueryCollection(query.Where(q => q.Key == "fields").ToDictionary(q => q.Key, q => q.Value));
}
