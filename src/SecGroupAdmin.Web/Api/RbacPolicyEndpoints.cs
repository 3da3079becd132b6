using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Rbac;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// <c>/v2.0/rbac-policies</c> for security groups and address groups: list (filters, fields, sort and paging in SQL, as
/// the other lists), show, create, update (<c>target_tenant</c> only) and delete, through <see cref="RbacPolicyService"/>.
/// </summary>
public static class RbacPolicyEndpoints
{
    private static readonly HashSet<string> WritableOnCreate = ["object_type", "object_id", "action", "target_tenant", "project_id", "tenant_id"];
    private static readonly HashSet<string> WritableOnUpdate = ["target_tenant"];
    private static readonly HashSet<string> Known = [.. WritableOnCreate, "id"];
    internal static readonly HashSet<string> Filterable = ["id", "object_type", "object_id", "action", "target_tenant", "project_id", "tenant_id"];
    internal static readonly HashSet<string> Sortable = Filterable;

    public static void Map(RouteGroupBuilder v2)
    {
        v2.Map("/rbac-policies", ApiRequest.Dispatch(("GET", ListAsync), ("POST", CreateAsync)));
        v2.Map("/rbac-policies/{id}", ApiRequest.Dispatch(("GET", ShowAsync), ("PUT", UpdateAsync), ("DELETE", DeleteAsync)));
    }

    private static Task<IResult> ListAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(context, Filterable, Sortable);
        var dbFactory = context.RequestServices.GetRequiredService<IDbContextFactory<AppDbContext>>();
        return Task.FromResult<IResult>(new StreamedJsonResult((w, flush, ct) => RbacPolicyList.WriteAsync(w, flush, dbFactory, caller, query, context.Request, ct)));
    }

    private static async Task<IResult> ShowAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(SecurityGroupEndpoints.FieldsOnly(context.Request.Query), Filterable, Sortable);
        var policy = await context.RequestServices.GetRequiredService<RbacPolicyService>().GetAsync(caller, Id(context), context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["rbac_policy"] = query.Select(ResourceViews.RbacPolicy(policy)) });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted, resourceBody: true);
        var resource = RequestBody.Resource(body, "rbac_policy");
        var owner = RequestBody.Owner(resource);
        RequestBody.CheckAttributes(resource, WritableOnCreate, Known, isUpdate: false);
        // The required attributes in the reference's order (it answers 500 for a missing object_type; here a 400).
        foreach (var required in (string[])["target_tenant", "object_id", "action", "object_type"])
        {
            if (!resource.TryGetProperty(required, out _))
            {
                throw new NeutronException(NeutronErrors.RequiredAttribute(required));
            }
        }
        var policy = await context.RequestServices.GetRequiredService<RbacPolicyService>().CreateAsync(caller, new RbacPolicyCreateRequest
        {
            ObjectType = Text(resource, "object_type"),
            ObjectId = Text(resource, "object_id"),
            Action = Text(resource, "action"),
            TargetTenant = JsonInput.Get(resource, "target_tenant"),
            ProjectId = owner,
        }, context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["rbac_policy"] = ResourceViews.RbacPolicy(policy) }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted, resourceBody: true);
        var resource = RequestBody.Resource(body, "rbac_policy");
        RequestBody.CheckAttributes(resource, WritableOnUpdate, Known, isUpdate: true);
        var service = context.RequestServices.GetRequiredService<RbacPolicyService>();
        var policy = resource.TryGetProperty("target_tenant", out _)
            ? await service.UpdateAsync(caller, Id(context), JsonInput.Get(resource, "target_tenant"), context.RequestAborted)
            : await service.GetAsync(caller, Id(context), context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["rbac_policy"] = ResourceViews.RbacPolicy(policy) });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, Caller caller)
    {
        await context.RequestServices.GetRequiredService<RbacPolicyService>().DeleteAsync(caller, Id(context), context.RequestAborted);
        return NeutronResults.NoContent();
    }

    /// <summary>A string attribute's value; any other JSON value is refused as not a valid string.</summary>
    private static string Text(System.Text.Json.JsonElement resource, string name)
    {
        var value = JsonInput.Get(resource, name);
        return value.Kind == Domain.Rules.InputKind.String
            ? value.Text ?? ""
            : throw new NeutronException(NeutronErrors.InvalidStringInput(name, value.Display));
    }

    private static string Id(HttpContext context) => (string)context.GetRouteValue("id")!;
}
