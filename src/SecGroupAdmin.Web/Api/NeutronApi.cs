using System.Text.Json.Nodes;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Api;

/// <summary>Maps the Neutron-compatible API: version documents, the collections, and NeutronError 404s for anything else under /v2.0.</summary>
public static class NeutronApi
{
    private static readonly string[] Extensions =
    [
        "security-group", "standard-attr-description", "standard-attr-revisions", "standard-attr-timestamp",
        "project-id", "quotas", "port-security", "stateful-security-group", "security-groups-normalized-cidr",
        "security-groups-remote-address-group", "revision-if-match", "security-groups-rules-belongs-to-default-sg",
    ];

    private static readonly string[] Collections = ["security-groups", "security-group-rules", "ports", "quotas"];

    public static IEndpointRouteBuilder MapNeutronApi(this IEndpointRouteBuilder app)
    {
        // One endpoint serves both "/v2.0" and "/v2.0/" (routing ignores a trailing slash; two endpoints were ambiguous → 500).
        app.MapGet("/v2.0", (HttpContext context) => NeutronResults.Json(Resources(context))).ExcludeFromDescription();

        var v2 = app.MapGroup("/v2.0").ExcludeFromDescription();
        SecurityGroupEndpoints.Map(v2);
        SecurityGroupRuleEndpoints.Map(v2);
        PortEndpoints.Map(v2);
        QuotaEndpoints.Map(v2);
        v2.Map("/security-group-rules/{id}/{**rest}", NotFound);
        v2.Map("/extensions", ApiRequest.Dispatch(("GET", (context, _) => Task.FromResult(NeutronResults.Json(ExtensionList())))));
        v2.Map("/{**rest}", NotFound);
        return app;
    }

    /// <summary>
    /// Neutron's version document at <c>/</c> for API clients (openstacksdk's discovery asks with
    /// <c>Accept: application/json</c>); browsers asking for HTML get the home page.
    /// </summary>
    public static IApplicationBuilder UseNeutronVersionDocument(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (context.Request.Path == "/" && HttpMethods.IsGet(context.Request.Method) && !accept.Contains("text/html") &&
            (accept.Contains("application/json") || context.Request.Headers.ContainsKey(ApiTokenAuthenticationDefaults.TokenHeader)))
        {
            await NeutronResults.Json(Versions(context)).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    private static Task NotFound(HttpContext context) => NeutronResults.Error(NeutronErrors.NotFound()).ExecuteAsync(context);

    private static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    private static JsonObject Versions(HttpContext context) => new()
    {
        ["versions"] = new JsonArray(new JsonObject
        {
            ["id"] = "v2.0",
            ["status"] = "CURRENT",
            ["links"] = new JsonArray(new JsonObject { ["href"] = BaseUrl(context) + "/v2.0/", ["rel"] = "self" }),
        }),
    };

    private static JsonObject Resources(HttpContext context) => new()
    {
        ["resources"] = new JsonArray([.. Collections.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.TrimEnd('s').Replace('-', '_'),
            ["collection"] = c,
            ["links"] = new JsonArray(new JsonObject { ["href"] = $"{BaseUrl(context)}/v2.0/{c}", ["rel"] = "self" }),
        })]),
    };

    private static JsonObject ExtensionList() => new()
    {
        ["extensions"] = new JsonArray([.. Extensions.Select(alias => (JsonNode)new JsonObject
        {
            ["alias"] = alias,
            ["name"] = alias,
            ["description"] = alias,
            ["updated"] = "2026-01-01T00:00:00-00:00",
            ["links"] = new JsonArray(),
        })]),
    };
}
