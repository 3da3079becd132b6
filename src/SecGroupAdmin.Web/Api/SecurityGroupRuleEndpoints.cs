using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tags;

namespace SecGroupAdmin.Web.Api;

/// <summary><c>/v2.0/security-group-rules</c>: list, show, create (single and bulk), delete; PUT answers 405 (deliberate delta).</summary>
public static class SecurityGroupRuleEndpoints
{
    private static readonly HashSet<string> WritableOnCreate =
    [
        "security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max",
        "remote_ip_prefix", "remote_group_id", "remote_address_group_id", "description", "project_id", "tenant_id",
    ];
    private static readonly HashSet<string> Known =
        [.. WritableOnCreate, "id", "normalized_cidr", "belongs_to_default_sg", "revision_number", "created_at", "updated_at", "tags"];
    internal static readonly HashSet<string> Filterable =
    [
        "id", "security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max",
        "remote_ip_prefix", "remote_group_id", "remote_address_group_id", "normalized_cidr", "description",
        "project_id", "tenant_id", "belongs_to_default_sg", "revision_number", .. TagFilters.Keys,
    ];
    internal static readonly HashSet<string> Sortable =
        [.. Filterable.Where(f => f != "belongs_to_default_sg" && !TagFilters.Keys.Contains(f)), "created_at", "updated_at"];

    public static void Map(RouteGroupBuilder v2)
    {
        v2.Map("/security-group-rules", ApiRequest.Dispatch(("GET", ListAsync), ("POST", CreateAsync)));
        v2.Map("/security-group-rules/{id}", ApiRequest.Dispatch(("GET", ShowAsync), ("DELETE", DeleteAsync)));
    }

    private static async Task<IResult> ListAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(context, Filterable, Sortable);
        var service = context.RequestServices.GetRequiredService<SecurityGroupService>();
        var project = query.Filter("project_id")?.FirstOrDefault() ?? query.Filter("tenant_id")?.FirstOrDefault();
        if (project is not null && project != caller.TenantId)
        {
            await service.EnsureDefaultGroupAsync(caller, project, context.RequestAborted);
        }
        await service.EnsureDefaultGroupAsync(caller, caller.TenantId, context.RequestAborted);
        var dbFactory = context.RequestServices.GetRequiredService<IDbContextFactory<AppDbContext>>();
        return new StreamedJsonResult((w, flush, ct) => RuleList.WriteAsync(w, flush, dbFactory, caller, query, context.Request, ct));
    }

    private static async Task<IResult> ShowAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(SecurityGroupEndpoints.FieldsOnly(context.Request.Query), Filterable, Sortable);
        var service = context.RequestServices.GetRequiredService<SecurityGroupService>();
        var rule = await service.GetRuleAsync(caller, (string)context.GetRouteValue("id")!, context.RequestAborted);
        var defaults = query.Selects("belongs_to_default_sg")
            ? await service.DefaultGroupIdsAsync([rule.SecurityGroupId], context.RequestAborted)
            : [];
        await context.RequestServices.GetRequiredService<TagService>().FillAsync([rule], context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["security_group_rule"] = query.Select(ResourceViews.Rule(rule, defaults)) });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted, resourceBody: true);
        var bulk = body.TryGetProperty("security_group_rules", out var list);
        var resources = bulk ? SecurityGroupEndpoints.BulkItems(list, context, "security_group_rule") : [RequestBody.Resource(body, "security_group_rule")];
        var owners = new List<string?>();
        var inputs = new List<RuleInput>();
        foreach (var resource in resources)
        {
            owners.Add(RequestBody.Owner(resource));
            RequestBody.CheckAttributes(resource, WritableOnCreate, Known, isUpdate: false);
            inputs.Add(ToInput(resource));
        }
        if (owners.Select(o => o ?? caller.TenantId).Distinct().Count() > 1)
        {
            throw new NeutronException(NeutronErrors.RulesNotSingleProject());
        }
        var service = context.RequestServices.GetRequiredService<SecurityGroupService>();
        var created = await service.CreateRulesAsync(caller, inputs, owners[0], context.RequestAborted);
        var defaults = await service.DefaultGroupIdsAsync(created.Select(r => r.SecurityGroupId), context.RequestAborted);
        var views = created.Select(r => ResourceViews.Rule(r, defaults)).ToList();
        return NeutronResults.Json(bulk
            ? new JsonObject { ["security_group_rules"] = new JsonArray([.. views]) }
            : new JsonObject { ["security_group_rule"] = views[0] }, StatusCodes.Status201Created);
    }

    private static RuleInput ToInput(JsonElement r) => new()
    {
        SecurityGroupId = JsonInput.Get(r, "security_group_id"),
        Direction = JsonInput.Get(r, "direction"),
        Ethertype = JsonInput.Get(r, "ethertype"),
        Protocol = JsonInput.Get(r, "protocol"),
        PortRangeMin = JsonInput.Get(r, "port_range_min"),
        PortRangeMax = JsonInput.Get(r, "port_range_max"),
        RemoteIpPrefix = JsonInput.Get(r, "remote_ip_prefix"),
        RemoteGroupId = JsonInput.Get(r, "remote_group_id"),
        RemoteAddressGroupId = JsonInput.Get(r, "remote_address_group_id"),
        Description = JsonInput.Get(r, "description"),
    };

    private static async Task<IResult> DeleteAsync(HttpContext context, Caller caller)
    {
        var service = context.RequestServices.GetRequiredService<SecurityGroupService>();
        await service.DeleteRuleAsync(caller, (string)context.GetRouteValue("id")!, ApiRequest.ExpectedRevision(context), context.RequestAborted);
        return NeutronResults.NoContent();
    }
}
