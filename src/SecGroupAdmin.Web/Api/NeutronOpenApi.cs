using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// Describes the Neutron-compatible API in the OpenAPI document (served at /openapi/v1.json, browsable with
/// Scalar at /api/docs). The endpoints are plain request delegates that read raw JSON the way Neutron does,
/// so they are described here rather than inferred.
/// </summary>
public sealed class NeutronOpenApi : IOpenApiDocumentTransformer
{
    private const string TokenScheme = "X-Auth-Token";

    private sealed record Op(string Path, HttpMethod Method, string Tag, string Summary, string Description, string? Example, params string[] Statuses);

    private static readonly Op[] Operations =
    [
        new("/v2.0/security-groups", HttpMethod.Get, "Security groups", "List security groups",
            "Groups the caller may see, each with its rules embedded. Filters on any filterable field (repeat a key for OR), `fields=`, `sort_key`/`sort_dir`, `limit`/`marker`/`page_reverse` with `security_groups_links`. Creates the project's `default` group on first list.",
            null, "200", "400", "401"),
        new("/v2.0/security-groups", HttpMethod.Post, "Security groups", "Create a security group (or several)",
            "Body `{\"security_group\": {...}}`, or `{\"security_groups\": [...]}` for an all-or-nothing bulk create. Every new group gets two egress rules. The name `default` is reserved.",
            """{"security_group": {"name": "web", "description": "web servers", "stateful": true}}""", "201", "400", "401", "403", "409"),
        new("/v2.0/security-groups/{id}", HttpMethod.Get, "Security groups", "Show a security group", "Supports `fields=`.", null, "200", "401", "404"),
        new("/v2.0/security-groups/{id}", HttpMethod.Put, "Security groups", "Update a security group",
            "Writable: `name`, `description`, `stateful` (not while a port uses the group). `If-Match: revision_number=N` gives 412 on mismatch.",
            """{"security_group": {"name": "web-tier", "description": "front end"}}""", "200", "400", "401", "403", "404", "409", "412"),
        new("/v2.0/security-groups/{id}", HttpMethod.Delete, "Security groups", "Delete a security group",
            "Refused (409) while a port uses it, and for `default` unless CloudAdmin. Deletes its rules and the rules of other groups that use it as remote group.",
            null, "204", "401", "403", "404", "409", "412"),
        new("/v2.0/security-group-rules", HttpMethod.Get, "Security group rules", "List security group rules",
            "Filters: `security_group_id`, `direction`, `ethertype`, `protocol`, `port_range_min`, `port_range_max`, `remote_ip_prefix`, `remote_group_id`, `remote_address_group_id`, `normalized_cidr`, `project_id`, `belongs_to_default_sg`, ... Exact match on the stored value (`protocol=tcp` does not match rules stored as `\"6\"`).",
            null, "200", "400", "401"),
        new("/v2.0/security-group-rules", HttpMethod.Post, "Security group rules", "Create a rule (or several)",
            "Validated with Neutron's order of checks and exact errors. `{\"security_group_rules\": [...]}` creates several in one group, all or nothing. A duplicate gives 409 `SecurityGroupRuleExists` naming the existing rule.",
            """{"security_group_rule": {"security_group_id": "<group id>", "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "10.0.0.0/8"}}""",
            "201", "400", "401", "403", "404", "409"),
        new("/v2.0/security-group-rules/{id}", HttpMethod.Get, "Security group rules", "Show a rule", "Supports `fields=`.", null, "200", "401", "404"),
        new("/v2.0/security-group-rules/{id}", HttpMethod.Delete, "Security group rules", "Delete a rule", "Rules cannot be updated: delete and create (PUT answers 405).", null, "204", "401", "403", "404"),
        new("/v2.0/address-groups", HttpMethod.Get, "Address groups", "List address groups",
            "Address groups the caller may see. Filters on `id`, `name`, `description`, `project_id`; `fields=` (with `tenant_id` always, as Neutron Zed), `sort_key`/`sort_dir`, `limit`/`marker`/`page_reverse`.",
            null, "200", "400", "401"),
        new("/v2.0/address-groups", HttpMethod.Post, "Address groups", "Create an address group",
            "`addresses` are CIDRs with a mask (`192.168.1.5` is refused: write `192.168.1.5/32`); stored with host bits cleared, IPv6 compressed and lower-cased.",
            """{"address_group": {"name": "office", "description": "office networks", "addresses": ["10.0.0.0/8", "2001:db8::/32"]}}""", "201", "400", "401", "403"),
        new("/v2.0/address-groups/{id}", HttpMethod.Get, "Address groups", "Show an address group", "Supports `fields=`.", null, "200", "401", "404"),
        new("/v2.0/address-groups/{id}", HttpMethod.Put, "Address groups", "Update an address group",
            "Writable: `name`, `description` (addresses change through the actions).", """{"address_group": {"name": "office-2"}}""", "200", "400", "401", "403", "404", "412"),
        new("/v2.0/address-groups/{id}", HttpMethod.Delete, "Address groups", "Delete an address group",
            "Refused (409 `AddressGroupInUse`) while a rule uses it as `remote_address_group_id`.", null, "204", "401", "403", "404", "409", "412"),
        new("/v2.0/address-groups/{id}/add_addresses", HttpMethod.Put, "Address groups", "Add addresses",
            "All or nothing: 400 `AddressesAlreadyExist` names every address the group already holds.", """{"addresses": ["192.168.0.0/24"]}""", "200", "400", "401", "403", "404"),
        new("/v2.0/address-groups/{id}/remove_addresses", HttpMethod.Put, "Address groups", "Remove addresses",
            "All or nothing: 404 `AddressesNotFound` names every address the group does not hold.", """{"addresses": ["192.168.0.0/24"]}""", "200", "400", "401", "403", "404"),
        new("/v2.0/ports", HttpMethod.Get, "Ports", "List ports", "The fields SecGroupAdmin models: name, network_id, security_groups, port_security_enabled.", null, "200", "401"),
        new("/v2.0/ports", HttpMethod.Post, "Ports", "Create a port",
            "Without `security_groups` the port gets the project's default group. Stateful and stateless groups cannot be mixed (409).",
            """{"port": {"name": "web-1", "network_id": "net-1", "security_groups": ["<group id>"]}}""", "201", "400", "401", "404", "409"),
        new("/v2.0/ports/{id}", HttpMethod.Get, "Ports", "Show a port", "", null, "200", "401", "404"),
        new("/v2.0/ports/{id}", HttpMethod.Put, "Ports", "Update a port", "Writable: `name`, `security_groups`, `port_security_enabled`.",
            """{"port": {"security_groups": []}}""", "200", "400", "401", "404", "409"),
        new("/v2.0/ports/{id}", HttpMethod.Delete, "Ports", "Delete a port", "", null, "204", "401", "404"),
        new("/v2.0/quotas/{project_id}", HttpMethod.Get, "Quotas", "Show a project's quotas", "`security_group` (default 10) and `security_group_rule` (default 100); -1 is unlimited.", null, "200", "401", "404"),
        new("/v2.0/quotas/{project_id}", HttpMethod.Put, "Quotas", "Update a project's quotas", "CloudAdmin only. Values from -1 up.",
            """{"quota": {"security_group": 20, "security_group_rule": 200}}""", "200", "400", "401", "403", "404"),
        .. TagOperations("security-groups", "security group"),
        .. TagOperations("security-group-rules", "rule"),
    ];

    /// <summary>
    /// The tag sub-resources (<c>standard-attr-tag</c>, <see cref="TagEndpoints"/>) of one collection. The lists filter
    /// by tag with <c>tags</c>, <c>tags-any</c>, <c>not-tags</c>, <c>not-tags-any</c>.
    /// </summary>
    private static Op[] TagOperations(string collection, string what) =>
    [
        new($"/v2.0/{collection}/{{id}}/tags", HttpMethod.Get, "Tags", $"List a {what}'s tags",
            "`{\"tags\": [...]}` in ordinal order. The lists filter with `tags` (all of), `tags-any`, `not-tags` (not all of), `not-tags-any`, comma-separated.",
            null, "200", "401", "404"),
        new($"/v2.0/{collection}/{{id}}/tags", HttpMethod.Put, "Tags", $"Replace all of a {what}'s tags",
            "All or nothing; answered with the list as sent. Strings of at most 255 characters, no duplicates, at most 50 per resource.",
            """{"tags": ["prod", "web"]}""", "200", "400", "401", "403", "404"),
        new($"/v2.0/{collection}/{{id}}/tags", HttpMethod.Post, "Tags", $"Add several tags to a {what}",
            "Answered with every tag the resource now carries (Neutron 2024.2).", """{"tags": ["pci"]}""", "201", "400", "401", "403", "404"),
        new($"/v2.0/{collection}/{{id}}/tags", HttpMethod.Delete, "Tags", $"Remove all of a {what}'s tags", "", null, "204", "401", "403", "404"),
        new($"/v2.0/{collection}/{{id}}/tags/{{tag}}", HttpMethod.Get, "Tags", $"Check a {what}'s tag",
            "204 when carried, else 404 `TagNotFound`.", null, "204", "401", "404"),
        new($"/v2.0/{collection}/{{id}}/tags/{{tag}}", HttpMethod.Put, "Tags", $"Add one tag to a {what}",
            "201 with the body `null`; nothing changes when it is already there.", null, "201", "400", "401", "403", "404"),
        new($"/v2.0/{collection}/{{id}}/tags/{{tag}}", HttpMethod.Delete, "Tags", $"Remove one tag from a {what}",
            "404 `TagNotFound` when it is not there.", null, "204", "401", "403", "404"),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "SecGroupAdmin: Neutron-compatible security group API";
        document.Info.Description =
            "Answers like OpenStack Neutron's `/v2.0` API, so the `openstack` CLI and openstacksdk work unmodified. " +
            "Authenticate with `X-Auth-Token: <API token>` (create one on the API tokens page or with `admin issue-token`). " +
            "Errors are `{\"NeutronError\": {\"type\", \"message\", \"detail\"}}` with Neutron's exception names and messages.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[TokenScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Auth-Token",
            Description = "An API token issued to one user in one tenant.",
        };
        var security = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenScheme, document)] = [] };
        document.Paths ??= new OpenApiPaths();
        // The Identity template's account endpoints are for the browser's sign-in forms, not an API.
        foreach (var accountPath in document.Paths.Keys.Where(p => p.StartsWith("/Account", StringComparison.Ordinal)).ToList())
        {
            document.Paths.Remove(accountPath);
        }

        foreach (var group in Operations.GroupBy(o => o.Path))
        {
            var item = new OpenApiPathItem();
            foreach (var op in group)
            {
                var operation = new OpenApiOperation
                {
                    Summary = op.Summary,
                    Description = op.Description,
                    Tags = new HashSet<OpenApiTagReference> { new(op.Tag, document) },
                    Security = [security],
                    Parameters = [.. PathParameters(op.Path)],
                    Responses = new OpenApiResponses(),
                };
                if (op.Example is not null)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Example = JsonNode.Parse(op.Example) },
                        },
                    };
                }
                foreach (var status in op.Statuses)
                {
                    operation.Responses[status] = new OpenApiResponse { Description = Describe(status) };
                }
                item.AddOperation(op.Method, operation);
            }
            document.Paths[group.Key] = item;
        }
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var tag in Operations.Select(o => o.Tag).Distinct())
        {
            document.Tags.Add(new OpenApiTag { Name = tag });
        }
        return Task.CompletedTask;
    }

    private static IEnumerable<IOpenApiParameter> PathParameters(string path)
    {
        foreach (var name in new[] { "id", "project_id", "tag" })
        {
            if (path.Contains("{" + name + "}"))
            {
                yield return new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Path,
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }
    }

    private static string Describe(string status) => status switch
    {
        "200" => "OK",
        "201" => "Created",
        "204" => "Deleted",
        "400" => "Bad input (NeutronError with the attribute's message)",
        "401" => "Missing, unknown, revoked or expired token",
        "403" => "Visible but not allowed (PolicyNotAuthorized)",
        "404" => "Not found, or not visible to the caller",
        "409" => "Conflict: duplicate rule, quota, in use, default group",
        "412" => "If-Match revision_number mismatch",
        _ => status,
    };
}
