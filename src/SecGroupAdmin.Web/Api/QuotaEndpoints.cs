using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Quotas;

namespace SecGroupAdmin.Web.Api;

/// <summary><c>/v2.0/quotas/{project_id}</c>: show (readers of the project, Auditor, CloudAdmin) and update (CloudAdmin).</summary>
public static class QuotaEndpoints
{
    // Neutron reports other resources too; SecGroupAdmin does not manage them, so they are fixed.
    private static readonly (string Name, int Value)[] Fixed = [("network", 100), ("subnet", 100), ("subnetpool", -1), ("port", 500), ("rbac_policy", 10)];

    public static void Map(RouteGroupBuilder v2)
    {
        v2.Map("/quotas/{project_id}", ApiRequest.Dispatch(("GET", ShowAsync), ("PUT", UpdateAsync), ("DELETE", ResetAsync)));
    }

    private static JsonObject View(QuotaSet quota)
    {
        var view = new JsonObject();
        foreach (var (name, value) in Fixed)
        {
            view[name] = value;
        }
        view["security_group"] = quota.SecurityGroups;
        view["security_group_rule"] = quota.SecurityGroupRules;
        return new JsonObject { ["quota"] = view };
    }

    private static async Task<IResult> ShowAsync(HttpContext context, Caller caller)
    {
        var service = context.RequestServices.GetRequiredService<QuotaService>();
        return NeutronResults.Json(View(await service.GetQuotaAsync(caller, (string)context.GetRouteValue("project_id")!, context.RequestAborted)));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        var resource = RequestBody.Resource(body, "quota");
        var known = Fixed.Select(f => f.Name).Concat(["security_group", "security_group_rule"]).ToHashSet();
        RequestBody.CheckAttributes(resource, known, known, isUpdate: true);
        var service = context.RequestServices.GetRequiredService<QuotaService>();
        var updated = await service.UpdateQuotaAsync(caller, (string)context.GetRouteValue("project_id")!,
            Limit(resource, "security_group"), Limit(resource, "security_group_rule"), context.RequestAborted);
        return NeutronResults.Json(View(updated));
    }

    private static async Task<IResult> ResetAsync(HttpContext context, Caller caller)
    {
        var service = context.RequestServices.GetRequiredService<QuotaService>();
        await service.UpdateQuotaAsync(caller, (string)context.GetRouteValue("project_id")!,
            Data.Tenants.Tenant.DefaultSecurityGroupQuota, Data.Tenants.Tenant.DefaultSecurityGroupRuleQuota, context.RequestAborted);
        return NeutronResults.NoContent();
    }

    /// <summary>An integer (or numeric string) from -1 to the int32 limit.</summary>
    private static int? Limit(JsonElement resource, string name)
    {
        if (!resource.TryGetProperty(name, out var value))
        {
            return null;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            throw new NeutronException(NeutronErrors.InvalidInputFor(name, $"'{text}' is not an integer"));
        }
        if (n < -1)
        {
            throw new NeutronException(NeutronErrors.InvalidInputFor(name, $"'{n}' is too small - must be at least '-1'"));
        }
        if (n > int.MaxValue)
        {
            throw new NeutronException(NeutronErrors.InvalidInputFor(name, $"'{n}' is too large - must be no larger than '{int.MaxValue}'"));
        }
        return (int)n;
    }
}
