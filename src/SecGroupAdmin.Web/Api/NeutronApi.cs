using System.Text.Json.Nodes;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Api;

/// <summary>Maps the Neutron-compatible API: version documents, the collections, and NeutronError 404s for anything else under /v2.0.</summary>
public static class NeutronApi
{
    /// <summary>
    /// The extensions implemented, each with the alias, name, description and date of the reference's (Zed's
    /// <c>GET /v2.0/extensions</c>; port-security, not loaded there, and belongs-to-default-sg and default-rules, newer, from
    /// neutron-lib; standard-attr-tag's name lists the resources tagged here).
    /// Only what works today: <c>limit</c>/<c>marker</c> (pagination), <c>sort_key</c> (sorting), unknown filters refused
    /// (filter-validation), <c>?name=</c> matching empty values, ports by <c>?security_groups=</c>, groups by
    /// <c>?shared=</c>, and RBAC sharing of security and address groups. <c>ExtensionsTests</c> compares this
    /// list with the reference's recorded answer.
    /// </summary>
    private static readonly (string Alias, string Name, string Description, string Updated)[] Extensions =
    [
        ("security-group", "security-group", "The security groups extension.", "2012-10-05T10:00:00-00:00"),
        ("standard-attr-description", "standard-attr-description", "Extension to add descriptions to standard attributes", "2016-02-10T10:00:00-00:00"),
        ("standard-attr-revisions", "Resource revision numbers", "This extension will display the revision number of neutron resources.", "2016-04-11T10:00:00-00:00"),
        ("standard-attr-timestamp", "Resource timestamps", "Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes.", "2016-09-12T10:00:00-00:00"),
        ("project-id", "project_id field enabled", "Extension that indicates that project_id field is enabled.", "2016-09-09T09:09:09-09:09"),
        ("quotas", "Quota management support", "Expose functions for quotas management per project", "2012-07-29T10:00:00-00:00"),
        ("port-security", "Port Security", "Provides port security", "2012-07-23T10:00:00-00:00"),
        ("stateful-security-group", "Stateful security group", "Indicates if the security group is stateful or not", "2019-11-26T09:00:00-00:00"),
        ("security-groups-normalized-cidr", "Normalized CIDR field for security group rules", "Add new field with normalized remote_ip_prefix cidr in SG rule", "2020-07-28T10:00:00-00:00"),
        ("address-group", "Address group", "Support address group", "2020-07-15T10:00:00-00:00"),
        ("security-groups-remote-address-group", "Remote address group id field for security group rules", "Add new field of remote address group id in SG rules", "2020-08-25T10:00:00-00:00"),
        ("revision-if-match", "If-Match constraints based on revision_number", "Extension indicating that If-Match based on revision_number is supported.", "2016-12-11T00:00:00-00:00"),
        ("pagination", "Pagination support", "Extension that indicates that pagination is enabled.", "2016-06-12T00:00:00-00:00"),
        ("sorting", "Sorting support", "Extension that indicates that sorting is enabled.", "2016-06-12T00:00:00-00:00"),
        ("filter-validation", "Filter parameters validation", "Provides validation on filter parameters.", "2018-07-04T10:00:00-00:00"),
        ("empty-string-filtering", "Empty String Filtering Extension", "Allow filtering by attributes with empty string value", "2018-05-01T10:00:00-00:00"),
        ("port-security-groups-filtering", "Port filtering on security groups", "Provides security groups filtering when listing ports", "2018-01-09T09:00:00-00:00"),
        ("security-groups-shared-filtering", "Security group filtering on the shared field", "Support filtering security groups on the shared field", "2021-10-05T09:00:00-00:00"),
        ("security-groups-rules-belongs-to-default-sg", "Security group rule belongs to the project's default security group",
            "Flag to determine if the security group rule belongs to the project's default security group", "2023-05-23T10:00:00-00:00"),
        ("standard-attr-tag", "Tag support for resources with standard attribute: security_group, security_group_rule",
            "Enables to set tag on resources with standard attribute.", "2017-01-01T00:00:00-00:00"),
        ("security-groups-default-rules", "Default rules for security groups",
            "Configure set of security group rules used as default rules for every new security group", "2022-12-19T10:00:00-00:00"),
        ("rbac-policies", "RBAC Policies", "Allows creation and modification of policies that control tenant access to resources.", "2015-06-17T12:15:12-00:00"),
        ("rbac-security-groups", "Add security_group type to network RBAC", "Add security_group type to network RBAC", "2019-02-14T00:00:00-00:00"),
        ("rbac-address-group", "Add address_group type to RBAC", "Add address_group type to network RBAC", "2021-01-20T00:00:00-00:00"),
    ];

    private static readonly string[] Collections = ["security-groups", "security-group-rules", "address-groups", "ports", "quotas"];

    public static IEndpointRouteBuilder MapNeutronApi(this IEndpointRouteBuilder app)
    {
        // One endpoint serves both "/v2.0" and "/v2.0/" (routing ignores a trailing slash; two endpoints were ambiguous → 500).
        app.MapGet("/v2.0", (HttpContext context) => NeutronResults.Json(Resources(context))).ExcludeFromDescription();

        var v2 = app.MapGroup("/v2.0").ExcludeFromDescription();
        SecurityGroupEndpoints.Map(v2);
        SecurityGroupRuleEndpoints.Map(v2);
        AddressGroupEndpoints.Map(v2);
        RbacPolicyEndpoints.Map(v2);
        DefaultRuleEndpoints.Map(v2);
        PortEndpoints.Map(v2);
        QuotaEndpoints.Map(v2);
        TagEndpoints.Map(v2);
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
        ["extensions"] = new JsonArray([.. Extensions.Select(e => (JsonNode)new JsonObject
        {
            ["alias"] = e.Alias,
            ["name"] = e.Name,
            ["description"] = e.Description,
            ["updated"] = e.Updated,
            ["links"] = new JsonArray(),
        })]),
    };
}
