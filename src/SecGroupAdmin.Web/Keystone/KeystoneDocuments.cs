using System.Globalization;
using System.Text.Json.Nodes;
using SecGroupAdmin.Data.Keystone;

namespace SecGroupAdmin.Web.Keystone;

/// <summary>
/// The JSON documents of the Keystone v3 slice, in Keystone's shapes: version documents, the one domain
/// (<c>default</c>/<c>Default</c>), projects (the app's tenants), users, tokens and the service catalog.
/// The <c>root</c> arguments are this server's public address without a trailing slash.
/// </summary>
public static class KeystoneDocuments
{
    public const string DomainId = "default";
    public const string DomainName = "Default";
    public const string VersionId = "v3.14";

    public static string IdentityUrl(string root) => root + KeystoneEndpoints.Prefix;

    public static string V3Url(string root) => IdentityUrl(root) + "/v3";

    /// <summary>One entry of the version list, and the body of <c>GET /identity/v3</c>.</summary>
    public static JsonObject Version(string root) => new()
    {
        ["id"] = VersionId,
        ["status"] = "stable",
        ["updated"] = "2020-04-07T00:00:00Z",
        ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = V3Url(root) + "/" }),
        ["media-types"] = new JsonArray(new JsonObject
        {
            ["base"] = "application/json",
            ["type"] = "application/vnd.openstack.identity-v3+json",
        }),
    };

    public static JsonObject Domain(string root) => new()
    {
        ["id"] = DomainId,
        ["name"] = DomainName,
        ["description"] = "The one domain: every SecGroupAdmin user and project is in it.",
        ["enabled"] = true,
        ["tags"] = new JsonArray(),
        ["options"] = new JsonObject(),
        ["links"] = Self(V3Url(root) + "/domains/" + DomainId),
    };

    public static JsonObject DomainRef() => new() { ["id"] = DomainId, ["name"] = DomainName };

    public static JsonObject Project(string root, string id, string name) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["domain_id"] = DomainId,
        ["description"] = "",
        ["enabled"] = true,
        ["parent_id"] = DomainId,
        ["is_domain"] = false,
        ["tags"] = new JsonArray(),
        ["options"] = new JsonObject(),
        ["links"] = Self(V3Url(root) + "/projects/" + id),
    };

    public static JsonObject User(string root, string id, string name, bool enabled) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["domain_id"] = DomainId,
        ["enabled"] = enabled,
        ["password_expires_at"] = null,
        ["options"] = new JsonObject(),
        ["links"] = Self(V3Url(root) + "/users/" + id),
    };

    /// <summary>A list in Keystone's shape: the items under <paramref name="key"/> and the list's links.</summary>
    public static JsonObject List(string key, IEnumerable<JsonNode> items, string self) => new()
    {
        [key] = new JsonArray(items.ToArray()),
        ["links"] = new JsonObject { ["self"] = self, ["previous"] = null, ["next"] = null },
    };

    /// <summary>The body of a token: who, how, until when, in which project with which roles, and (scoped, unless left out) the catalog.</summary>
    public static JsonObject Token(
        string root, string region, KeystoneToken token, string userName, (string Id, string Name)? project,
        IReadOnlyList<string> roles, (string Id, string Name)? applicationCredential, bool withCatalog)
    {
        var body = new JsonObject
        {
            ["methods"] = new JsonArray(JsonValue.Create(token.Method)),
            ["user"] = new JsonObject
            {
                ["id"] = token.UserId,
                ["name"] = userName,
                ["domain"] = DomainRef(),
                ["password_expires_at"] = null,
            },
            ["audit_ids"] = new JsonArray(JsonValue.Create(token.Id)),
            ["expires_at"] = Timestamp(token.ExpiresAt),
            ["issued_at"] = Timestamp(token.IssuedAt),
        };
        if (project is { } p)
        {
            body["project"] = new JsonObject { ["id"] = p.Id, ["name"] = p.Name, ["domain"] = DomainRef() };
            body["is_domain"] = false;
            body["roles"] = new JsonArray(roles.Select(r => (JsonNode)new JsonObject { ["id"] = r, ["name"] = r }).ToArray());
            if (withCatalog)
            {
                body["catalog"] = Catalog(root, region);
            }
        }
        if (applicationCredential is { } credential)
        {
            body["application_credential"] = new JsonObject
            {
                ["id"] = credential.Id,
                ["name"] = credential.Name,
                ["restricted"] = true,
            };
        }
        return new JsonObject { ["token"] = body };
    }

    /// <summary>
    /// The service catalog: <c>identity</c> (this server's <c>/identity/v3</c>), <c>network</c> (this server's root,
    /// unversioned: clients append <c>v2.0/</c>) and <c>compute</c> (only the quota-set look-up that
    /// <c>openstack quota show</c> insists on: <see cref="Quotas.ComputeQuotaEndpoints"/>), each with public, internal
    /// and admin endpoints in <paramref name="region"/>.
    /// </summary>
    public static JsonArray Catalog(string root, string region) =>
    [
        Service("identity", "keystone", V3Url(root), region),
        Service("network", "neutron", root, region),
        Service("compute", "nova", root + Quotas.ComputeQuotaEndpoints.Prefix, region),
    ];

    private static readonly string[] Interfaces = ["public", "internal", "admin"];

    private static JsonObject Service(string type, string name, string url, string region) => new()
    {
        ["id"] = type,
        ["type"] = type,
        ["name"] = name,
        ["endpoints"] = new JsonArray(Interfaces.Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"{type}-{i}",
            ["interface"] = i,
            ["region"] = region,
            ["region_id"] = region,
            ["url"] = url,
        }).ToArray()),
    };

    /// <summary>Keystone's timestamps: UTC with microseconds and a Z.</summary>
    public static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Self(string href) => new() { ["self"] = href };
}
