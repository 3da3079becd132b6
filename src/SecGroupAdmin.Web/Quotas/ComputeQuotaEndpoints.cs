using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Quotas;

/// <summary>
/// The one compute call <c>openstack quota show PROJECT</c> makes. Debian's python-openstackclient 6.0 builds its compute
/// client from the catalog before asking any service, and fails when the catalog has no <c>compute</c> endpoint; so the
/// catalog lists <c>/compute/v2.1</c>, which answers only Nova's quota-set look-up (<c>os-quota-sets/{project}</c>,
/// <c>/defaults</c>, <c>/detail</c>) with the security-group quotas Nova reported before microversion 2.36 (the same
/// values as <c>/v2.0/quotas</c>, for the same readers). Anything else under <c>/compute</c> is Nova's 404: this is not
/// a compute service.
/// </summary>
public static class ComputeQuotaEndpoints
{
    public const string Prefix = "/compute/v2.1";

    public static IEndpointRouteBuilder MapComputeQuotas(this IEndpointRouteBuilder app)
    {
        var compute = app.MapGroup("/compute").ExcludeFromDescription();
        compute.MapGet("/v2.1/os-quota-sets/{project_id}", ShowAsync);
        compute.MapGet("/v2.1/os-quota-sets/{project_id}/defaults", ShowAsync);
        compute.MapGet("/v2.1/os-quota-sets/{project_id}/detail", ShowAsync);
        compute.Map("/{**rest}", context => Fault(context, "itemNotFound", StatusCodes.Status404NotFound,
            "This server offers no compute service: only the quota-set look-up of openstack quota show."));
        return app;
    }

    private static async Task ShowAsync(HttpContext context)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
        var authentication = await context.AuthenticateAsync(ApiTokenAuthenticationDefaults.Scheme);
        var caller = authentication.Succeeded ? ApiTokenAuthenticationHandler.CallerOf(context) : null;
        if (caller is null)
        {
            await Fault(context, "unauthorized", StatusCodes.Status401Unauthorized, "The request you have made requires authentication.");
            return;
        }
        var projectId = (string)context.GetRouteValue("project_id")!;
        QuotaSet quota;
        try
        {
            quota = await context.RequestServices.GetRequiredService<QuotaService>().GetQuotaAsync(caller, projectId, context.RequestAborted);
        }
        catch (NeutronException)
        {
            await Fault(context, "itemNotFound", StatusCodes.Status404NotFound, "Quota could not be found.");
            return;
        }
        var body = new JsonObject
        {
            ["quota_set"] = new JsonObject
            {
                ["id"] = projectId,
                ["security_groups"] = quota.SecurityGroups,
                ["security_group_rules"] = quota.SecurityGroupRules,
            },
        };
        await Results.Text(body.ToJsonString(), "application/json").ExecuteAsync(context);
    }

    /// <summary>Nova's error shape: <c>{"itemNotFound": {"code": 404, "message": "..."}}</c>.</summary>
    private static Task Fault(HttpContext context, string kind, int status, string message)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
        var body = new JsonObject { [kind] = new JsonObject { ["code"] = status, ["message"] = message } };
        return Results.Text(body.ToJsonString(), "application/json", statusCode: status).ExecuteAsync(context);
    }
}
